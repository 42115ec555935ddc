import type { HttpResponse } from 'uWebSockets.js';
import type { RequestHead } from '../http/request-head.js';
import { proxiedStatusLine } from '../http/status-line.js';
import type { UpstreamResponseHead } from './response-headers.js';

/** Close a client that reads nothing of a started response for this long (nginx send_timeout). */
export const CLIENT_SEND_TIMEOUT_MS = 60_000;

const EMPTY = new Uint8Array(0);

/**
 * Content-Length bodies at least this big get their head flushed on its own
 * when the body does not follow in the same tick (a client sees a slow
 * download start). Smaller ones, nearly always read together with their
 * head, skip that microtask.
 */
const EARLY_HEAD_MIN_BYTES = 16 * 1024;

export interface WriterEvents {
  /** The client drained: resume the upstream. */
  onDrain(): void;
  /** The whole response went out (Content-Length responses end on their last chunk). */
  onEnded(): void;
  /** The client stopped reading for CLIENT_SEND_TIMEOUT_MS. */
  onSendTimeout(): void;
}

/**
 * Writes a proxied response to uWS with back-pressure, never buffering the
 * body: status + headers corked together with the first chunk (or flushed
 * alone for a slow Content-Length body), Content-Length bodies through
 * tryEnd (uWS writes the header; retried from onWritable), others chunked
 * through write(). When a write reports back-pressure the caller pauses the
 * upstream until onDrain.
 */
export class ResponseWriter {
  /** Status line and headers have been written. */
  started = false;
  ended = false;
  /** Waiting for onWritable. */
  waiting = false;
  bytesOut = 0;
  private resp: UpstreamResponseHead | null = null;
  private status = 0;
  private statusLine = '';
  private noBody = false;
  private pending: Uint8Array | null = null;
  private pendingBase = 0;
  private writableHooked = false;
  private waitingSince = 0;
  private sendTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly res: HttpResponse,
    private readonly head: RequestHead,
    private readonly events: WriterEvents,
  ) {}

  /** Remember the response head; it is written with the first body bytes or at the end. */
  prepare(status: number, reason: string, resp: UpstreamResponseHead): void {
    this.resp = resp;
    this.status = status;
    this.statusLine = proxiedStatusLine(status, reason);
    this.noBody = this.head.method === 'HEAD' || status === 204 || status === 304;
    if (!this.noBody && resp.contentLength >= EARLY_HEAD_MIN_BYTES) queueMicrotask(() => this.flushHead());
  }

  /** Send the head of a Content-Length response whose body did not come in the same tick. */
  private flushHead(): void {
    if (this.started || this.ended || this.head.aborted) return;
    this.res.cork(() => {
      this.writeHead();
      this.tryEnd(EMPTY, this.res.getWriteOffset());
    });
  }

  /** Write one body chunk; false when the caller must pause the upstream. */
  data(chunk: Uint8Array): boolean {
    if (this.ended) return true;
    this.res.cork(() => {
      if (!this.started) this.writeHead();
      if (this.resp!.contentLength >= 0) this.tryEnd(chunk, this.res.getWriteOffset());
      else if (!this.res.write(chunk)) this.wait();
    });
    this.bytesOut += chunk.length;
    return !this.waiting;
  }

  /** The upstream finished: end the response (a Content-Length one may already be done). */
  end(): void {
    this.stopTimer();
    if (this.ended) return;
    this.res.cork(() => {
      if (!this.started) this.writeHead();
      this.ended = true;
      this.head.body?.release();
      const cl = this.resp!.contentLength;
      // endWithoutBody(undefined) would write a bogus Content-Length: pass no argument at all.
      if (!this.noBody) this.res.end();
      else if (cl >= 0 && this.status !== 204) this.res.endWithoutBody(cl);
      else this.res.endWithoutBody();
    });
  }

  /** Abort a started response: the client sees the connection close, never a second status. */
  close(): void {
    this.stopTimer();
    this.pending = null;
    if (this.ended) return;
    this.ended = true;
    this.head.body?.release();
    this.res.close();
  }

  /** The client is gone; nothing may touch `res` any more. */
  abandon(): void {
    this.ended = true;
    this.pending = null;
    this.stopTimer();
  }

  private writeHead(): void {
    const res = this.res;
    res.writeStatus(this.statusLine);
    const h = this.resp!.headers;
    for (let i = 0; i < h.length; i += 2) res.writeHeader(h[i], h[i + 1]);
    this.started = true;
  }

  private tryEnd(chunk: Uint8Array, base: number): void {
    const total = this.resp!.contentLength;
    if (base + chunk.length >= total) this.head.body?.release();
    const [ok, done] = this.res.tryEnd(chunk, total);
    if (done) {
      this.ended = true;
      this.pending = null;
      this.stopTimer();
      this.events.onEnded();
    } else if (!ok) {
      this.pending = chunk;
      this.pendingBase = base;
      this.wait();
    }
  }

  private wait(): void {
    this.waiting = true;
    this.waitingSince = performance.now();
    this.head.body?.keepWritable(true);
    if (!this.writableHooked) {
      this.writableHooked = true;
      this.res.onWritable((offset) => this.onWritable(offset));
    }
    if (this.sendTimer === null) this.sendTimer = setTimeout(() => this.checkSend(), CLIENT_SEND_TIMEOUT_MS).unref();
  }

  private onWritable(offset: number): boolean {
    if (this.ended) return true; // closed or abandoned meanwhile
    const chunk = this.pending;
    if (chunk !== null) {
      this.pending = null;
      this.tryEnd(chunk.subarray(offset - this.pendingBase), offset);
      if (this.pending !== null) return false;
    }
    // Also when that last write ended the response: the upstream must be
    // resumed to deliver its completion, or the exchange never finishes.
    this.waiting = false;
    this.head.body?.keepWritable(false);
    this.events.onDrain();
    return true;
  }

  private checkSend(): void {
    this.sendTimer = null;
    if (this.ended || !this.waiting) return;
    const waited = performance.now() - this.waitingSince;
    if (waited + 1 < CLIENT_SEND_TIMEOUT_MS) {
      this.sendTimer = setTimeout(() => this.checkSend(), CLIENT_SEND_TIMEOUT_MS - waited).unref();
      return;
    }
    this.events.onSendTimeout();
  }

  private stopTimer(): void {
    if (this.sendTimer !== null) clearTimeout(this.sendTimer);
    this.sendTimer = null;
  }
}
