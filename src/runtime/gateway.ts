import uWS from 'uWebSockets.js';
import type { Logger } from '../log/logger.js';
import type { StartOptions, ListenAddress } from '../cli/start-options.js';
import { loadConfig } from '../config/load.js';
import { compileSnapshot, type Snapshot } from '../compile/compile-snapshot.js';
import { renderText } from '../cli/render-issues.js';
import { SharedCounters } from './counters.js';
import { WorkerPool } from './worker-pool.js';
import { createAdminApp } from './admin/admin-server.js';

/**
 * The control plane (main thread): loads and validates the configuration,
 * starts the proxy workers, serves the admin API, and stops gracefully.
 * Returns the process exit status.
 */
export async function runGateway(opts: StartOptions, log: Logger, stop: Promise<string>): Promise<number> {
  const result = loadConfig(opts.config);
  if (!result.config) {
    process.stderr.write(renderText(result.issues, result.files));
    log.error({ errors: result.issues.filter((i) => i.severity === 'error').length }, 'invalid configuration: not starting');
    return 1;
  }
  const compiled = compileSnapshot(result);
  for (const w of [...result.issues, ...compiled.issues]) log.warn({ code: w.code, at: `${w.file}:${w.line}:${w.col}` }, w.message);
  let current: Snapshot = compiled.snapshot;
  const counters = SharedCounters.create(opts.workers);
  const pool = new WorkerPool(log);
  let ports: number[];
  try {
    ports = await pool.start(opts.workers, opts.listen, counters, { config: result.config, hash: result.hash! });
  } catch (err) {
    log.error({ err: (err as Error).message }, 'cannot start the proxy');
    await pool.terminate();
    return 1;
  }
  const admin = opts.adminListen
    ? await listenAdmin(opts.adminListen, { snapshot: () => current, counters, workers: opts.workers, source: () => ({ source: 'file', files: opts.config }) })
    : undefined;
  if (opts.adminListen && !admin) {
    log.error({ admin: addr(opts.adminListen) }, 'cannot listen on the admin address');
    await pool.drain(0);
    return 1;
  }
  log.info({
    proxy: opts.listen.map((l, i) => addr({ host: l.host, port: ports[i] ?? l.port })),
    admin: opts.adminListen ? addr({ ...opts.adminListen, port: admin!.port }) : 'off',
    workers: opts.workers,
    configuration_hash: current.hash,
  }, 'gatewayd started');
  const signal = await stop;
  log.info({ signal, drain_timeout_ms: opts.drainTimeout }, 'stopping: finishing in-flight requests');
  if (admin) uWS.us_listen_socket_close(admin.socket);
  const unfinished = await pool.drain(opts.drainTimeout);
  log.info({ unfinished }, 'stopped');
  current = undefined as unknown as Snapshot;
  return 0;
}

function addr(l: ListenAddress): string {
  return l.host.includes(':') ? `[${l.host}]:${l.port}` : `${l.host}:${l.port}`;
}

function listenAdmin(at: ListenAddress, state: Parameters<typeof createAdminApp>[0]): Promise<{ socket: uWS.us_listen_socket; port: number } | undefined> {
  const app = createAdminApp(state);
  return new Promise((resolve) => {
    app.listen(at.host, at.port, (socket) => {
      resolve(socket ? { socket, port: uWS.us_socket_local_port(socket) } : undefined);
    });
  });
}
