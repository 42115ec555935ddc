import type { HttpResponse } from 'uWebSockets.js';
import type { Dispatcher } from 'undici';
import { requestError, type RequestErrorCode } from '../../errors/catalog.js';
import { replyRequestError } from '../http/local-reply.js';
import type { RequestHead } from '../http/request-head.js';
import type { UpstreamPools } from './pools.js';
import { appendKongResponseHeaders, readUpstreamResponseHeaders, type UpstreamResponseHead } from './response-headers.js';
import { ResponseWriter, type WriterEvents } from './response-writer.js';
import { ClientAbortedError, UpstreamWriteTimeoutError, upstreamErrorCode } from './upstream-errors.js';

/** One upstream request, fully resolved by the caller (router, balancer, header builder). */
export interface ForwardPlan {
  /** `http://host:port` of the chosen target. */
  origin: string;
  method: string;
  /** Upstream path + query, already rewritten (strip_path, path_handling). */
  path: string;
  /** Flat [name, value, ...] from buildUpstreamHeaders (Host included). */
  headers: string[];
  /** ms; fixed per pool (the pool is keyed by origin + connect timeout). */
  connectTimeout: number;
  /** ms the upstream may leave the request body unread. */
  writeTimeout: number;
  /** ms to the response head, and between two body reads. */
  readTimeout: number;
  /** 'none' drops any client body (build the headers with withBody: false). */
  requestBody: 'none' | 'stream';
  /** A body already read (and maybe rewritten) by a plugin: sent instead of the client's stream. */
  body?: Buffer;
  /** A pool the caller holds (UpstreamPools.retain); else hooks.pools.get(origin, connectTimeout). */
  dispatcher?: Dispatcher;
}

export interface ForwardHooks {
  pools: UpstreamPools;
  /**
   * Header phase: sees the upstream's headers (hop-by-hop already removed)
   * and may edit `resp.headers` in place; Kong's own headers are added after.
   * Throwing fails the request with 500.
   */
  onResponseHeaders?(status: number, resp: UpstreamResponseHead, head: RequestHead): void;
  /** Log phase: called once when the exchange is over, whichever way. Must not throw. */
  onEnd?(result: ForwardResult): void;
}

export interface ForwardResult {
  readonly head: RequestHead;
  readonly plan: ForwardPlan;
  /** Status sent to the client; 0 when none was (client gone first). */
  readonly status: number;
  /** Upstream's status; 0 when it sent none. */
  readonly upstreamStatus: number;
  /** Why it did not end normally; null when it did. */
  readonly error: RequestErrorCode | null;
  /** The underlying error, if any. */
  readonly cause: unknown;
  /** Response body bytes written to the client. */
  readonly bytesOut: number;
  /** ms from the head copy to dispatching upstream (X-Kong-Proxy-Latency). */
  readonly proxyLatency: number;
  /** ms from dispatch to the upstream response head (X-Kong-Upstream-Latency); -1 if none. */
  readonly upstreamLatency: number;
}

/**
 * Proxy one request: stream the client body (if any) into undici's Pool
 * `dispatch`, stream the response back with back-pressure both ways.
 * Failures before the response started become Kong's error reply (502/504
 * …); after, the client connection is closed. A client that leaves aborts
 * the upstream request.
 */
export function forward(res: HttpResponse, head: RequestHead, plan: ForwardPlan, hooks: ForwardHooks): void {
  new Exchange(res, head, plan, hooks).start();
}

/** undici's handler (the v1 callbacks its HTTP/1 client calls directly, without a wrapper). */
class Exchange implements Dispatcher.DispatchHandler, ForwardResult, WriterEvents {
  status = 0;
  upstreamStatus = 0;
  error: RequestErrorCode | null = null;
  cause: unknown = undefined;
  proxyLatency = -1;
  upstreamLatency = -1;
  private finished = false;
  private dispatchedAt = 0;
  private abortUpstream: ((err?: Error) => void) | null = null;
  private resumeUpstream: (() => void) | null = null;
  private readonly writer: ResponseWriter;

  constructor(
    private readonly res: HttpResponse,
    readonly head: RequestHead,
    readonly plan: ForwardPlan,
    private readonly hooks: ForwardHooks,
  ) {
    this.writer = new ResponseWriter(res, head, this);
  }

  get bytesOut(): number {
    return this.writer.bytesOut;
  }

  start(): void {
    const { head, plan } = this;
    if (head.aborted) return this.finish('client-aborted', undefined);
    head.onAbort = () => this.onClientAbort();
    let body: Dispatcher.DispatchOptions['body'] | RequestHead['body'] = head.body;
    if (head.body !== null && (plan.requestBody !== 'stream' || plan.body !== undefined)) {
      head.body.release();
      body = null;
    }
    if (plan.body !== undefined) body = plan.body;
    this.dispatchedAt = performance.now();
    this.proxyLatency = Math.round(this.dispatchedAt - head.startedAt);
    const dispatcher = plan.dispatcher ?? this.hooks.pools.get(plan.origin, plan.connectTimeout);
    dispatcher.dispatch({
      origin: plan.origin,
      path: plan.path,
      method: plan.method,
      headers: plan.headers,
      // undici streams any (async) iterable body; its typings list only Readable.
      body: body as unknown as Dispatcher.DispatchOptions['body'],
      headersTimeout: plan.readTimeout,
      bodyTimeout: plan.readTimeout,
    }, this);
  }

  onConnect(abort: (err?: Error) => void): void {
    this.abortUpstream = abort;
    if (this.finished) return abort(new ClientAbortedError());
    if (this.head.body !== null && this.plan.requestBody === 'stream') {
      this.head.body.watchStall(this.plan.writeTimeout, () => this.abortUpstream?.(new UpstreamWriteTimeoutError()));
    }
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    if (status < 200 || this.finished) return true;
    this.resumeUpstream = resume;
    this.upstreamStatus = status;
    this.status = status;
    this.upstreamLatency = Math.round(performance.now() - this.dispatchedAt);
    const resp = readUpstreamResponseHeaders(rawHeaders);
    this.hooks.onResponseHeaders?.(status, resp, this.head);
    appendKongResponseHeaders(resp, this.head.requestId, this.upstreamLatency, this.proxyLatency);
    this.writer.prepare(status, statusText, resp);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.finished) return true;
    return this.writer.data(chunk);
  }

  onComplete(): void {
    if (this.finished) return;
    this.writer.end();
    this.finish(null, undefined);
  }

  onError(err: Error): void {
    if (this.finished) return;
    const code = upstreamErrorCode(err);
    if (this.writer.started) {
      this.head.onAbort = null;
      this.writer.close();
      return this.finish('upstream-failed-mid-body', err);
    }
    this.writer.abandon();
    replyRequestError(this.res, this.head, code);
    this.status = requestError(code).status;
    this.finish(code, err);
  }

  // WriterEvents
  onDrain(): void {
    this.resumeUpstream?.();
  }

  onEnded(): void {
    // A Content-Length response ended on its last chunk; undici's onComplete follows.
  }

  onSendTimeout(): void {
    if (this.finished) return;
    this.head.onAbort = null;
    this.writer.close();
    this.abortUpstream?.(new ClientAbortedError());
    this.finish('client-send-timeout', undefined);
  }

  private onClientAbort(): void {
    if (this.finished) return;
    this.writer.abandon();
    this.finish('client-aborted', undefined);
    this.abortUpstream?.(new ClientAbortedError());
  }

  private finish(error: RequestErrorCode | null, cause: unknown): void {
    this.finished = true;
    this.error = error;
    this.cause = cause;
    this.head.onAbort = null;
    const onEnd = this.hooks.onEnd;
    if (onEnd === undefined) return;
    try {
      onEnd(this);
    } catch (err) {
      process.emitWarning(`forward onEnd hook threw: ${String(err)}`);
    }
  }
}
