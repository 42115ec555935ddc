import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import type { RequestErrorCode } from '../../errors/catalog.js';
import { formatRemoteAddress } from './remote-address.js';
import { RequestBody } from './request-body.js';
import { newRequestId } from './request-id.js';

/**
 * Everything gatewayd needs from a client request, copied out of uWS's
 * HttpRequest synchronously (it is stack-allocated: invalid after the
 * handler returns or awaits), plus the per-request client state: its body
 * reader and whether the client has gone.
 *
 * Strings are as uWS gives them: one char per byte (latin1), so bytes reach
 * the upstream unchanged.
 */
export interface RequestHead {
  /** As sent, case-sensitive (e.g. `GET`). */
  readonly method: string;
  /** Raw path as sent, no query, not decoded. */
  readonly url: string;
  /** Raw query without `?`; '' when none. */
  readonly query: string;
  /** Flat [name, value, ...]; names lower-case; repeated headers kept, in order. */
  readonly headers: string[];
  readonly remoteAddress: string;
  /** Port of the listener that accepted the request. */
  readonly localPort: number;
  readonly requestId: string;
  /** performance.now() when the head was copied: start of Kong's latencies. */
  readonly startedAt: number;
  /** Request line + header lines, CRLFs included, as nginx's buffers count them. */
  readonly headBytes: number;
  /** Longest header line (`name: value`). */
  readonly longestHeaderLine: number;
  /** The body reader, attached at copy time when the request has a body. */
  readonly body: RequestBody | null;
  /** True once uWS reported the client connection closed (onAborted). */
  aborted: boolean;
  /** Called once when the client goes away; set by whoever owns the exchange. */
  onAbort: (() => void) | null;
}

/** nginx's large_client_header_buffers default (4 × 8k), which Kong keeps. */
export const MAX_LINE_BYTES = 8192;
export const MAX_HEAD_BYTES = 4 * 8192;

const CLIENT_ABORTED = 'client closed the connection';

/**
 * Copy the request out of uWS and take ownership of the response: attaches
 * onAborted (mandatory in uWS for any response not answered synchronously)
 * and, when the request has a body, the onData reader.
 */
export function copyRequestHead(res: HttpResponse, req: HttpRequest, localPort: number): RequestHead {
  const headers: string[] = [];
  let bytes = 0;
  let longest = 0;
  let hasBody = false;
  req.forEach((name, value) => {
    headers.push(name, value);
    const line = name.length + value.length + 4;
    bytes += line;
    if (line > longest) longest = line;
    if (!hasBody) hasBody = announcesBody(name, value);
  });
  const method = req.getCaseSensitiveMethod();
  const url = req.getUrl();
  const query = req.getQuery() ?? '';
  const head: RequestHead = {
    method, url, query, headers,
    remoteAddress: formatRemoteAddress(res.getRemoteAddress()),
    localPort,
    requestId: newRequestId(),
    startedAt: performance.now(),
    headBytes: bytes + method.length + url.length + query.length + 14,
    longestHeaderLine: longest,
    body: hasBody ? new RequestBody(res) : null,
    aborted: false,
    onAbort: null,
  };
  res.onAborted(() => clientGone(head));
  return head;
}

function announcesBody(name: string, value: string): boolean {
  if (name === 'transfer-encoding') return true;
  return name === 'content-length' && value !== '0' && value !== '';
}

function clientGone(head: RequestHead): void {
  head.aborted = true;
  head.body?.abort(new Error(CLIENT_ABORTED));
  const listener = head.onAbort;
  head.onAbort = null;
  listener?.();
}

/** First value of a header (name in lower case), or undefined. */
export function headerValue(head: RequestHead, name: string): string | undefined {
  const h = head.headers;
  for (let i = 0; i < h.length; i += 2) if (h[i] === name) return h[i + 1];
  return undefined;
}

/** All values of a header joined with ', ' (as nginx joins repeated headers), or undefined. */
export function joinedHeaderValue(head: RequestHead, name: string): string | undefined {
  const h = head.headers;
  let out: string | undefined;
  for (let i = 0; i < h.length; i += 2) {
    if (h[i] === name) out = out === undefined ? h[i + 1] : `${out}, ${h[i + 1]}`;
  }
  return out;
}

/**
 * What nginx would refuse before Kong runs: over-long request line (414),
 * over-long header line or head (400, "Request header or cookie too large"),
 * TRACE (405). null when the head is acceptable.
 */
export function rejectHead(head: RequestHead): RequestErrorCode | null {
  if (head.method === 'TRACE') return 'method-not-allowed';
  const requestLine = head.method.length + head.url.length + head.query.length + 11;
  if (requestLine > MAX_LINE_BYTES) return 'uri-too-long';
  if (head.longestHeaderLine > MAX_LINE_BYTES || head.headBytes > MAX_HEAD_BYTES) {
    return 'request-header-too-large';
  }
  return null;
}
