import uWS from 'uWebSockets.js';
import type { Logger } from '../log/logger.js';
import type { StartOptions, ListenAddress } from '../cli/start-options.js';
import { SharedCounters } from './counters.js';
import { WorkerPool } from './worker-pool.js';
import { createAdminApp, type AdminState } from './admin/admin-server.js';
import { ConfigController, StartError } from './config-controller.js';
import { Reloader } from './reload/reloader.js';
import { watchConfig } from './reload/watch-config.js';

export { StartError };

/** A started gateway: its bound ports, and how to reload and stop it. */
export interface RunningGateway {
  readonly proxyPorts: number[];
  readonly adminPort: number | null;
  readonly controller: ConfigController;
  /** SIGHUP: re-read the configuration now. */
  reload(): Promise<void>;
  /** Each proxy worker's heap (where its Snapshot lives); `gc` first when the process runs with --expose-gc. */
  workerMemory(opts?: { gc?: boolean }): Promise<{ worker: number; heapUsed: number; heapTotal: number }[]>;
  /** Stop accepting, finish in-flight requests (bounded by the drain timeout), end the workers. */
  stop(): Promise<void>;
}

/**
 * The control plane (main thread): loads and validates the configuration,
 * starts the proxy workers and the admin API, watches for changes. Throws
 * StartError when there is no valid configuration or a port cannot be bound.
 */
export async function startGateway(opts: StartOptions, log: Logger): Promise<RunningGateway> {
  const controller = new ConfigController(opts.config, opts.stateDir, log);
  const initial = controller.initial();
  const counters = SharedCounters.create(opts.workers);
  const pool = new WorkerPool(log);
  let proxyPorts: number[];
  try {
    proxyPorts = await pool.start(opts.workers, opts.listen, counters, { config: initial.config!, hash: initial.hash! });
  } catch (err) {
    await pool.terminate();
    throw new StartError('', `cannot start the proxy: ${(err as Error).message}`);
  }
  controller.attach(pool);
  const state: AdminState = {
    snapshot: () => controller.current, counters, workers: opts.workers, reload: controller.status,
    applyPosted: (file) => controller.applyPosted(file),
  };
  const admin = opts.adminListen ? await listenAdmin(opts.adminListen, state) : undefined;
  if (opts.adminListen && !admin) {
    await pool.drain(0);
    throw new StartError('', `cannot listen on the admin address ${addr(opts.adminListen)}`);
  }
  const reloader = new Reloader(opts.config, (r, trigger) => controller.apply(r, trigger, 'file'), controller.status, log, controller.initialContentHash);
  // File events (--watch) and polling (--poll-interval > 0) are independent: polling alone serves hosts without usable events.
  const watcher = opts.watch || opts.pollInterval > 0
    ? watchConfig(opts.config, { events: opts.watch, pollMs: opts.pollInterval }, { change: (why) => reloader.schedule(why), poll: () => reloader.poll() })
    : undefined;
  if (watcher) {
    // Events only flow once the watcher's first scan is done; a change made between the first read and then is caught here.
    await watcher.ready;
    reloader.schedule('watch ready');
  }
  log.info({
    proxy: opts.listen.map((l, i) => addr({ host: l.host, port: proxyPorts[i] ?? l.port })),
    admin: opts.adminListen ? addr({ ...opts.adminListen, port: admin!.port }) : 'off',
    workers: opts.workers,
    configuration_hash: controller.current.hash,
    watching: opts.watch,
    poll_interval_ms: opts.pollInterval,
    degraded: controller.status.degraded,
  }, 'gatewayd started');
  return {
    proxyPorts,
    adminPort: admin?.port ?? null,
    controller,
    reload: () => reloader.reloadNow('SIGHUP', true),
    workerMemory: (o) => pool.memory(o?.gc ?? false),
    async stop() {
      log.info({ drain_timeout_ms: opts.drainTimeout }, 'stopping: finishing in-flight requests');
      await watcher?.close();
      await reloader.stop();
      if (admin) uWS.us_listen_socket_close(admin.socket);
      const unfinished = await pool.drain(opts.drainTimeout);
      log.info({ unfinished }, 'stopped');
    },
  };
}

function addr(l: ListenAddress): string {
  return l.host.includes(':') ? `[${l.host}]:${l.port}` : `${l.host}:${l.port}`;
}

function listenAdmin(at: ListenAddress, state: AdminState): Promise<{ socket: uWS.us_listen_socket; port: number } | undefined> {
  const app = createAdminApp(state);
  return new Promise((resolve) => {
    app.listen(at.host, at.port, (socket) => {
      resolve(socket ? { socket, port: uWS.us_socket_local_port(socket) } : undefined);
    });
  });
}
