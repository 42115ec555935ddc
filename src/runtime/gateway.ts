import uWS from 'uWebSockets.js';
import type { Logger } from '../log/logger.js';
import type { StartOptions, ListenAddress } from '../cli/start-options.js';
import { loadConfig, type LoadResult } from '../config/load.js';
import { compileSnapshot, type Snapshot } from '../compile/compile-snapshot.js';
import { renderText } from '../cli/render-issues.js';
import { SharedCounters } from './counters.js';
import { WorkerPool } from './worker-pool.js';
import { createAdminApp, type AdminState } from './admin/admin-server.js';

/** A started gateway: its bound ports, and how to stop it. */
export interface RunningGateway {
  readonly proxyPorts: number[];
  readonly adminPort: number | null;
  readonly hash: string;
  /** Stop accepting, finish in-flight requests (bounded by the drain timeout), end the workers. */
  stop(): Promise<void>;
}

/**
 * The control plane (main thread): loads and validates the configuration,
 * starts the proxy workers and the admin API. Throws StartError when the
 * configuration is invalid or a port cannot be bound.
 */
export async function startGateway(opts: StartOptions, log: Logger): Promise<RunningGateway> {
  const result = loadConfig(opts.config);
  if (!result.config) throw new StartError(renderText(result.issues, result.files), 'invalid configuration: not starting');
  let current: Snapshot = compileAndWarn(result, log);
  const counters = SharedCounters.create(opts.workers);
  const pool = new WorkerPool(log);
  let proxyPorts: number[];
  try {
    proxyPorts = await pool.start(opts.workers, opts.listen, counters, { config: result.config, hash: result.hash! });
  } catch (err) {
    await pool.terminate();
    throw new StartError('', `cannot start the proxy: ${(err as Error).message}`);
  }
  const state: AdminState = { snapshot: () => current, counters, workers: opts.workers, source: () => ({ source: 'file', files: opts.config }) };
  const admin = opts.adminListen ? await listenAdmin(opts.adminListen, state) : undefined;
  if (opts.adminListen && !admin) {
    await pool.drain(0);
    throw new StartError('', `cannot listen on the admin address ${addr(opts.adminListen)}`);
  }
  log.info({
    proxy: opts.listen.map((l, i) => addr({ host: l.host, port: proxyPorts[i] ?? l.port })),
    admin: opts.adminListen ? addr({ ...opts.adminListen, port: admin!.port }) : 'off',
    workers: opts.workers,
    configuration_hash: current.hash,
  }, 'gatewayd started');
  return {
    proxyPorts,
    adminPort: admin?.port ?? null,
    hash: current.hash,
    async stop() {
      log.info({ drain_timeout_ms: opts.drainTimeout }, 'stopping: finishing in-flight requests');
      if (admin) uWS.us_listen_socket_close(admin.socket);
      const unfinished = await pool.drain(opts.drainTimeout);
      log.info({ unfinished }, 'stopped');
    },
  };
}

/** Why the gateway did not start: `details` is printed as is (lint output), `message` is logged. */
export class StartError extends Error {
  constructor(readonly details: string, message: string) {
    super(message);
  }
}

function compileAndWarn(result: LoadResult, log: Logger): Snapshot {
  const compiled = compileSnapshot(result);
  for (const w of [...result.issues, ...compiled.issues]) log.warn({ code: w.code, at: `${w.file}:${w.line}:${w.col}` }, w.message);
  return compiled.snapshot;
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
