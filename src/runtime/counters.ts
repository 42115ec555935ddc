/**
 * Request counters shared by the worker threads and read by the admin API:
 * one 64-byte slot per worker (no false sharing), updated with Atomics.
 */
const SLOT = 8; // BigInt64 values per 64-byte slot
export const COUNTER = { totalRequests: 0, activeRequests: 1 } as const;

export class SharedCounters {
  readonly view: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer, private readonly slot = 0) {
    this.view = new BigInt64Array(buffer);
  }

  static create(workers: number): SharedCounters {
    return new SharedCounters(new SharedArrayBuffer(Math.max(1, workers) * SLOT * 8));
  }

  /** The same buffer, seen as worker `slot`'s writer. */
  forWorker(slot: number): SharedCounters {
    return new SharedCounters(this.buffer, slot);
  }

  add(counter: number, n: number): void {
    Atomics.add(this.view, this.slot * SLOT + counter, BigInt(n));
  }

  /** This worker's own value. */
  own(counter: number): number {
    return Number(Atomics.load(this.view, this.slot * SLOT + counter));
  }

  /** Sum over every worker. */
  total(counter: number): number {
    let sum = 0n;
    for (let i = counter; i < this.view.length; i += SLOT) sum += Atomics.load(this.view, i);
    return Number(sum);
  }
}
