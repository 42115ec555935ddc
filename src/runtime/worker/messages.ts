import type { NormalizedConfig } from '../../config/load.js';
import type { ListenAddress } from '../../cli/start-options.js';

/** What the control plane (main thread) sends to a proxy worker, and back. */
export interface WorkerData {
  index: number;
  listen: ListenAddress[];
  counters: SharedArrayBuffer;
  config: ConfigPayload;
}

/** A validated configuration, as plain data: each worker compiles its own Snapshot from it. */
export interface ConfigPayload {
  config: NormalizedConfig;
  hash: string;
}

export type ToWorker =
  | { type: 'swap'; hash: string; chunks: string[] }
  | { type: 'drain'; timeoutMs: number }
  /** report this worker's heap; `gc`: collect first when the process runs with --expose-gc */
  | { type: 'memory'; gc: boolean };

export type FromWorker =
  | { type: 'listening'; index: number; ports: number[] }
  | { type: 'listen-failed'; index: number; address: string }
  /** `error`: the worker could not build the new Snapshot and keeps serving its current one. */
  | { type: 'swapped'; index: number; hash: string; error?: string; stallMs?: number }
  | { type: 'drained'; index: number; unfinished: number }
  | { type: 'memory'; index: number; heapUsed: number; heapTotal: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; msg: string; fields?: Record<string, unknown> };
