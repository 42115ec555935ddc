import { parentPort, workerData } from 'node:worker_threads';
import uWS from 'uWebSockets.js';
import { compileSnapshot, type Snapshot } from '../../compile/compile-snapshot.js';
import type { LoadResult } from '../../config/load.js';
import { createProxyHandler } from '../http/proxy-handler.js';
import { configureUws } from '../http/uws-config.js';
import { UpstreamPools } from '../proxy/pools.js';
import { Balancers } from '../proxy/balancer.js';
import { COUNTER, SharedCounters } from '../counters.js';
import type { ConfigPayload, FromWorker, ToWorker, WorkerData } from './messages.js';
import { fromChunks } from './config-chunks.js';

/**
 * A proxy worker thread: its own uWS app on the shared ports, its own
 * Snapshot (one reference, swapped whole), its own upstream pools.
 */
const data = workerData as WorkerData;
const port = parentPort!;
const send = (msg: FromWorker) => port.postMessage(msg);

function compile(payload: ConfigPayload): Snapshot {
  const result: LoadResult = { config: payload.config, hash: payload.hash, issues: [], files: [], origins: new Map(), vaultRefs: new Map() };
  return compileSnapshot(result).snapshot;
}

let current = compile(data.config);
const counters = new SharedCounters(data.counters).forWorker(data.index);
const pools = new UpstreamPools();
const balancers = new Balancers();
const sockets: uWS.us_listen_socket[] = [];
const ports: number[] = [];

configureUws();
const context = { current: () => current, pools, balancers, counters };

listenAll().then((ok) => {
  if (ok) send({ type: 'listening', index: data.index, ports });
});

/** One uWS app per listener, so that each request knows the port it arrived on (Kong's host:port routes, X-Forwarded-Port). */
async function listenAll(): Promise<boolean> {
  for (const at of data.listen) {
    let localPort = at.port;
    const app = uWS.App().any('/*', createProxyHandler(context, () => localPort));
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

/** Swaps run one at a time, in the order they were sent. */
let swaps: Promise<void> = Promise.resolve();

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'swap') {
    swaps = swaps.then(() => swap(msg.hash, msg.chunks));
  } else if (msg.type === 'drain') {
    void drain(msg.timeoutMs);
  }
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rebuild and compile off the hot path (in small steps between requests), then flip the one reference. */
async function swap(hash: string, chunks: string[]): Promise<void> {
  const config = await fromChunks(chunks, nextTurn);
  current = compile({ config, hash });
  send({ type: 'swapped', index: data.index, hash });
}

async function drain(timeoutMs: number): Promise<void> {
  sockets.forEach((s) => uWS.us_listen_socket_close(s));
  const deadline = Date.now() + timeoutMs;
  while (counters.own(COUNTER.activeRequests) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const unfinished = counters.own(COUNTER.activeRequests);
  await (unfinished > 0 ? pools.destroyAll() : pools.closeAll());
  send({ type: 'drained', index: data.index, unfinished });
  port.close();
}
