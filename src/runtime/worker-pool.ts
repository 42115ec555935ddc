import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger.js';
import type { ListenAddress } from '../cli/start-options.js';
import type { ConfigPayload, FromWorker, ToWorker, WorkerData } from './worker/messages.js';
import type { SharedCounters } from './counters.js';
import { toChunks } from './worker/config-chunks.js';

const RUNNING_TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./worker/proxy-worker.${RUNNING_TS ? 'ts' : 'js'}`, import.meta.url);

/**
 * A larger young generation than V8's default for a worker: per-request
 * objects then die in the nursery instead of being promoted by scavenges that
 * run mid-request (measured: 5–8 ms scavenges promoting 1–2 MB each under load
 * with the default).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 };

/**
 * Built (dist/*.js): the worker file itself. From sources (tests, tsx):
 * Node 20 workers do not inherit `--import tsx`, so a tiny bootstrap
 * registers tsx in the worker before importing the TypeScript entry.
 */
function newWorker(workerData: WorkerData): Worker {
  if (!RUNNING_TS) return new Worker(WORKER_URL, { workerData, resourceLimits: WORKER_LIMITS });
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(code, { eval: true, workerData, resourceLimits: WORKER_LIMITS });
}

/** The proxy worker threads: each has its own uWS app on the same ports and its own Snapshot. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly exited = new WeakSet<Worker>();

  constructor(private readonly log: Logger) {}

  /** Start `count` workers; resolves once every one listens, rejects if one cannot. */
  async start(count: number, listen: ListenAddress[], counters: SharedCounters, payload: ConfigPayload): Promise<number[]> {
    const started = Array.from({ length: count }, (_, index) => this.spawn({ index, listen, counters: counters.buffer, config: payload }));
    const ports = await Promise.all(started);
    return ports[0];
  }

  private spawn(data: WorkerData): Promise<number[]> {
    const worker = newWorker(data);
    this.workers.push(worker);
    worker.once('exit', () => this.exited.add(worker));
    return new Promise((resolve, reject) => {
      const onMessage = (msg: FromWorker) => {
        if (msg.type === 'log') this.log[msg.level]({ worker: data.index, ...msg.fields }, msg.msg);
        if (msg.type === 'listening') resolve(msg.ports);
        if (msg.type === 'listen-failed') reject(new Error(`cannot listen on ${msg.address}`));
      };
      worker.on('message', onMessage);
      worker.once('error', (err) => {
        this.log.error({ err, worker: data.index }, 'proxy worker failed');
        reject(err);
      });
      worker.once('exit', (code) => reject(new Error(`proxy worker ${data.index} exited with code ${code}`)));
    });
  }

  /** Send a new configuration to every worker; resolves when all have swapped, rejects if one could not. */
  /** Resolves with the longest event-loop stall any worker had while swapping (ms). */
  async swap(payload: ConfigPayload): Promise<number> {
    const chunks = toChunks(payload.config);
    const replies = await this.broadcast({ type: 'swap', hash: payload.hash, chunks }, 'swapped');
    const failed = replies.flatMap((m) => (m.type === 'swapped' && m.error !== undefined ? [`worker ${m.index}: ${m.error}`] : []));
    if (failed.length) throw new Error(failed.join('; '));
    return Math.max(0, ...replies.map((m) => (m.type === 'swapped' ? (m.stallMs ?? 0) : 0)));
  }

  /** Each live worker's own heap (the Snapshots live there); `gc` first when the process runs with --expose-gc. */
  async memory(gc = false): Promise<{ worker: number; heapUsed: number; heapTotal: number }[]> {
    const replies = await this.broadcast({ type: 'memory', gc }, 'memory');
    return replies.flatMap((m) => (m.type === 'memory' ? [{ worker: m.index, heapUsed: m.heapUsed, heapTotal: m.heapTotal }] : []));
  }

  /** Stop accepting, let in-flight requests finish (bounded), and end the workers. */
  async drain(timeoutMs: number): Promise<number> {
    const replies = await this.broadcast({ type: 'drain', timeoutMs }, 'drained');
    await Promise.all(this.workers.map((w) => (this.exited.has(w) ? null : new Promise((r) => w.once('exit', r)))));
    return replies.reduce((n, m) => n + (m.type === 'drained' ? m.unfinished : 0), 0);
  }

  /**
   * Send `msg` to every live worker and collect each one's `reply`. Listeners
   * are removed once answered (one broadcast per reload must not leave any
   * behind); a worker that exits meanwhile counts as answered.
   */
  private broadcast(msg: ToWorker, reply: FromWorker['type']): Promise<FromWorker[]> {
    return Promise.all(
      this.workers.filter((w) => !this.exited.has(w)).map(
        (w) =>
          new Promise<FromWorker>((resolve) => {
            const done = (m: FromWorker) => {
              w.off('message', onMessage);
              w.off('exit', onExit);
              resolve(m);
            };
            const onMessage = (m: FromWorker) => {
              if (m.type === reply) done(m);
            };
            const onExit = () => done({ type: 'drained', index: -1, unfinished: 0 });
            w.on('message', onMessage);
            w.on('exit', onExit);
            w.postMessage(msg);
          }),
      ),
    );
  }

  terminate(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}
