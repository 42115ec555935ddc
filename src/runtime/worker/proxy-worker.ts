import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import uWS from 'uWebSockets.js';
import { compileSnapshot, compileSnapshotSteps, type Snapshot } from '../../compile/compile-snapshot.js';
import { runSliced, SLICE_MS } from './run-sliced.js';
import type { LoadResult } from '../../config/load.js';
import { createProxyHandler } from '../http/proxy-handler.js';
import { configureUws } from '../http/uws-config.js';
import { UpstreamPools } from '../proxy/pools.js';
import { Balancers } from '../proxy/balancer.js';
import { COUNTER, SharedCounters } from '../counters.js';
import type { ConfigPayload, FromWorker, ToWorker, WorkerData } from './messages.js';
import { fromChunks } from './config-chunks.js';
import { upstreamOrigin } from '../proxy/plan-request.js';

/**
 * A proxy worker thread: its own uWS app on the shared ports, its own
 * Snapshot (one reference, swapped whole), its own upstream pools.
 */
const data = workerData as WorkerData;
const port = parentPort!;
const send = (msg: FromWorker) => port.postMessage(msg);

/**
 * A worker thread that dies with its uWS sockets open aborts the whole
 * process (libuv: "uv_loop_close() while having open handles"): one stray
 * exception would take every worker and the admin API down. Report it and
 * keep serving instead.
 */
const report = (kind: string) => (err: unknown) => {
  const e = err as Error;
  send({ type: 'log', level: 'error', msg: `proxy worker ${data.index}: ${kind}`, fields: { err: e?.stack ?? String(err) } });
};
process.on('uncaughtException', report('uncaught exception'));
process.on('unhandledRejection', report('unhandled rejection'));

/** A validated configuration received from the control plane, as the compiler takes it. */
function loaded(payload: ConfigPayload): LoadResult {
  return { config: payload.config, hash: payload.hash, issues: [], files: [], origins: new Map(), vaultRefs: new Map() };
}

function compile(payload: ConfigPayload): Snapshot {
  return compileSnapshot(loaded(payload)).snapshot;
}

let current = compile(data.config);
const counters = new SharedCounters(data.counters).forWorker(data.index);
const pools = new UpstreamPools();
const balancers = new Balancers();
/** Pool references held by the Snapshot in force (released when it is replaced). */
const retained = new WeakMap<Snapshot, [string, number][]>([[current, retainOrigins(current)]]);
const sockets: uWS.us_listen_socket[] = [];
const apps: uWS.TemplatedApp[] = [];
const ports: number[] = [];

configureUws();
/** Event-loop delay, read per swap (monitorEventLoopDelay samples every 5 ms: no cost on requests). */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const context = {
  current: () => current, pools, balancers, counters,
  logError: (msg: string, fields: Record<string, unknown>) => send({ type: 'log', level: 'error', msg, fields }),
};

listenAll().then((ok) => {
  if (ok) send({ type: 'listening', index: data.index, ports });
});

/** One uWS app per listener, so that each request knows the port it arrived on (Kong's host:port routes, X-Forwarded-Port). */
async function listenAll(): Promise<boolean> {
  for (const at of data.listen) {
    let localPort = at.port;
    const app = uWS.App().any('/*', createProxyHandler(context, () => localPort));
    apps.push(app);
    const socket = await new Promise<uWS.us_listen_socket | false>((resolve) => app.listen(at.host, at.port, (s) => resolve(s)));
    if (!socket) {
      send({ type: 'listen-failed', index: data.index, address: `${at.host}:${at.port}` });
      sockets.forEach((s) => uWS.us_listen_socket_close(s));
      return false;
    }
    localPort = uWS.us_socket_local_port(socket);
    sockets.push(socket);
    ports.push(localPort);
  }
  return true;
}

/** Swaps run one at a time, in the order they were sent; a failed one leaves the chain (and the worker) alive. */
let swaps: Promise<void> = Promise.resolve();

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'swap') {
    swaps = swaps.then(() => swap(msg.hash, msg.chunks));
  } else if (msg.type === 'drain') {
    void drain(msg.timeoutMs);
  } else if (msg.type === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (msg.gc && typeof gc === 'function') gc();
    const { heapUsed, heapTotal } = process.memoryUsage();
    send({ type: 'memory', index: data.index, heapUsed, heapTotal });
  }
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rebuild and compile off the hot path (in small steps between requests),
 * then flip the one reference: requests already running keep the Snapshot
 * they took. State kept apart from the Snapshot follows: balancers of
 * upstreams still served keep their position, those gone are dropped;
 * upstream pools are referenced per Snapshot, and a pool no Snapshot uses
 * any more is closed once its requests finish.
 */
async function swap(hash: string, chunks: string[]): Promise<void> {
  let next: Snapshot;
  loopDelay.reset();
  try {
    const config = await fromChunks(chunks, nextTurn);
    next = (await runSliced(compileSnapshotSteps(loaded({ config, hash })), SLICE_MS, nextTurn)).snapshot;
  } catch (err) {
    send({ type: 'swapped', index: data.index, hash, error: (err as Error).message ?? String(err) });
    return;
  }
  const previous = current;
  const origins = retainOrigins(next);
  current = next;
  balancers.retainOnly(new Set([...next.upstreams.values()].map((u) => u.identity)));
  retained.set(next, origins);
  releaseOrigins(retained.get(previous));
  retained.delete(previous);
  // The longest the event loop was held during this swap: what a request could have waited at most.
  send({ type: 'swapped', index: data.index, hash, stallMs: Math.round(loopDelay.max / 1e5) / 10 });
}

/** The upstream pools a Snapshot can send to (as planRequest names them), each referenced once. */
function retainOrigins(snapshot: Snapshot): [string, number][] {
  const keys = new Map<string, [string, number]>();
  for (const service of snapshot.services.values()) {
    for (const t of service.upstream ? service.upstream.targets : [service]) {
      const origin = upstreamOrigin(service, t);
      keys.set(`${origin} ${service.connectTimeout}`, [origin, service.connectTimeout]);
    }
  }
  const list = [...keys.values()];
  for (const [origin, timeout] of list) pools.retain(origin, timeout);
  return list;
}

function releaseOrigins(list: [string, number][] | undefined): void {
  for (const [origin, timeout] of list ?? []) {
    pools.release(origin, timeout).catch(() => undefined);
  }
}

/**
 * Stop accepting, wait for the requests in flight (bounded by `timeoutMs`),
 * then close every connection left: idle keep-alive connections (a client
 * that keeps using one would otherwise keep this thread, and the stop, alive
 * for ever) and, past the deadline, the requests still unfinished.
 */
async function drain(timeoutMs: number): Promise<void> {
  sockets.forEach((s) => uWS.us_listen_socket_close(s));
  const deadline = Date.now() + timeoutMs;
  while (counters.own(COUNTER.activeRequests) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const unfinished = counters.own(COUNTER.activeRequests);
  // `close` (every socket of the app) is in this uWS build, not in its typings.
  for (const app of apps) (app as unknown as { close(): void }).close();
  await (unfinished > 0 ? pools.destroyAll() : pools.closeAll());
  send({ type: 'drained', index: data.index, unfinished });
  port.close();
}
