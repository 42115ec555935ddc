import type { HttpResponse } from 'uWebSockets.js';

/** Pause the client once this much body is queued and nobody is pulling. */
const HIGH_WATER = 256 * 1024;
/** Resume it when the queue is back under this. */
const LOW_WATER = 64 * 1024;
/**
 * uWS's pause() stops writable events too. While the response waits for
 * onWritable (a client that uploads and downloads at once, e.g. through an
 * echo upstream), a paused upload would deadlock it: so the socket is
 * resumed briefly ("peeks", backing off from PEEK_FIRST_MS to PEEK_MAX_MS)
 * to let writable events through, each peek admitting at most one read,
 * and no more peeks once PEEK_CAP bytes are queued (the send timeout ends
 * such an exchange).
 */
const PEEK_FIRST_MS = 10;
const PEEK_MAX_MS = 1000;
const PEEK_CAP = 16 * 1024 * 1024;

interface Waiter {
  resolve(result: IteratorResult<Buffer>): void;
  reject(err: Error): void;
}

const DONE: IteratorResult<Buffer> = Object.freeze({ value: undefined, done: true });

/**
 * The client's request body, read from uWS `onData` from the moment the
 * head is copied (uWS drops body bytes that arrive with no handler), and
 * handed to undici as an async iterable. Each chunk is copied: uWS reuses
 * (neuters) its ArrayBuffer when the callback returns. Memory is bounded:
 * past HIGH_WATER queued bytes the client socket is paused until the
 * consumer pulls the queue down to LOW_WATER.
 */
export class RequestBody implements AsyncIterableIterator<Buffer> {
  /** Bytes received from the client so far. */
  received = 0;
  private readonly chunks: Buffer[] = [];
  private queued = 0;
  private waiter: Waiter | null = null;
  private ended = false;
  private failure: Error | null = null;
  private paused = false;
  /** false once the response ended or the client left: `res` may not be touched. */
  private live = true;
  private wantWritable = false;
  private peekDelay = PEEK_FIRST_MS;
  private peekTimer: NodeJS.Timeout | null = null;
  private stallMs = 0;
  private onStall: (() => void) | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  private lastPull = 0;

  constructor(private readonly res: HttpResponse) {
    res.onData((chunk, isLast) => this.push(chunk, isLast));
  }

  /** True once the client sent the whole body. */
  get complete(): boolean {
    return this.ended;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Buffer>> {
    this.lastPull = performance.now();
    if (this.chunks.length > 0) return Promise.resolve({ value: this.take(), done: false });
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(DONE);
    if (this.paused) this.resumeClient();
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /** The consumer stopped early (undici failed writing): drop the rest. */
  return(): Promise<IteratorResult<Buffer>> {
    this.release();
    return Promise.resolve(DONE);
  }

  /**
   * Call `onStall` when queued body waits more than `ms` for the consumer
   * (Kong's write timeout: time between two successive writes upstream).
   */
  watchStall(ms: number, onStall: () => void): void {
    this.stallMs = ms;
    this.onStall = onStall;
    if (this.queued > 0) this.armStall();
  }

  /** While true, the response waits for onWritable: do not keep the socket paused (see PEEK_*). */
  keepWritable(on: boolean): void {
    this.wantWritable = on;
    this.peekDelay = PEEK_FIRST_MS;
    if (!on) {
      if (this.peekTimer !== null) clearTimeout(this.peekTimer);
      this.peekTimer = null;
      if (!this.paused && !this.ended && this.queued > HIGH_WATER) this.pauseClient();
    } else if (this.paused && this.live) {
      this.resumeClient();
    }
  }

  /** The response is about to end: unpause the socket, drop what is queued and what comes. */
  release(): void {
    if (this.live && this.paused) this.res.resume();
    this.live = false;
    this.paused = false;
    this.settle(new Error('request body released'));
  }

  /** The client is gone (onAborted): `res` is dead, fail the consumer. */
  abort(err: Error): void {
    this.live = false;
    this.settle(err);
  }

  private settle(err: Error): void {
    if (this.failure === null) this.failure = err;
    this.chunks.length = 0;
    this.queued = 0;
    this.clearStall();
    if (this.peekTimer !== null) clearTimeout(this.peekTimer);
    this.peekTimer = null;
    const w = this.waiter;
    this.waiter = null;
    if (w !== null) w.reject(this.failure);
  }

  private push(ab: ArrayBuffer, isLast: boolean): void {
    if (isLast) this.ended = true;
    if (this.failure !== null) return;
    const n = ab.byteLength;
    if (n > 0) {
      this.received += n;
      const chunk = Buffer.allocUnsafe(n);
      chunk.set(new Uint8Array(ab));
      this.deliver(chunk);
    } else if (isLast && this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve(DONE);
    }
    if (!isLast && !this.paused && this.queued > HIGH_WATER) this.pauseClient();
  }

  private deliver(chunk: Buffer): void {
    const w = this.waiter;
    if (w !== null) {
      this.waiter = null;
      w.resolve({ value: chunk, done: false });
      return;
    }
    this.chunks.push(chunk);
    this.queued += chunk.length;
    if (this.stallTimer === null && this.onStall !== null) this.armStall();
  }

  private take(): Buffer {
    const chunk = this.chunks.shift() as Buffer;
    this.queued -= chunk.length;
    if (this.paused && this.queued <= LOW_WATER) this.resumeClient();
    return chunk;
  }

  private pauseClient(): void {
    if (!this.live) return;
    this.paused = true;
    this.res.pause();
    if (this.wantWritable && this.peekTimer === null && this.queued < PEEK_CAP) {
      this.peekTimer = setTimeout(() => this.peek(), this.peekDelay).unref();
      this.peekDelay = Math.min(this.peekDelay * 2, PEEK_MAX_MS);
    }
  }

  private peek(): void {
    this.peekTimer = null;
    if (this.wantWritable && this.paused && this.live) this.resumeClient();
  }

  private resumeClient(): void {
    this.paused = false;
    if (this.live) this.res.resume();
  }

  private armStall(): void {
    if (this.stallMs <= 0) return;
    this.lastPull = performance.now();
    this.stallTimer = setTimeout(() => this.checkStall(), this.stallMs).unref();
  }

  private checkStall(): void {
    this.stallTimer = null;
    if (this.queued === 0 || this.failure !== null) return;
    const idle = performance.now() - this.lastPull;
    if (idle + 1 < this.stallMs) {
      this.stallTimer = setTimeout(() => this.checkStall(), this.stallMs - idle).unref();
      return;
    }
    this.onStall?.();
  }

  private clearStall(): void {
    if (this.stallTimer !== null) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }
}
