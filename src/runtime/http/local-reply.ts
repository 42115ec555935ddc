import type { HttpResponse } from 'uWebSockets.js';
import { requestError, type Negotiation, type RequestErrorCode } from '../../errors/catalog.js';
import { H_REQUEST_ID, H_RESPONSE_LATENCY, SERVER_TOKEN } from './identity.js';
import {
  ERROR_CONTENT_TYPE, defaultErrorMessage, negotiateErrorMime, negotiateProxyErrorMime,
  renderErrorBody, renderExitJson, type ErrorMime,
} from './kong-error.js';
import { headerValue, joinedHeaderValue, type RequestHead } from './request-head.js';
import { statusLine } from './status-line.js';

export type HeaderPairs = readonly (readonly [string, string])[];

export interface ErrorReplyOptions {
  /** 'accept' (kong.response.error, default) or 'proxy' (nginx error handler). */
  negotiation?: Negotiation;
  headers?: HeaderPairs;
}

/** Which error template this request gets. */
export function errorMimeFor(head: RequestHead, negotiation: Negotiation): ErrorMime {
  if (negotiation === 'accept') return negotiateErrorMime(joinedHeaderValue(head, 'accept'));
  return negotiateProxyErrorMime(headerValue(head, 'accept'), headerValue(head, 'content-type'));
}

/**
 * Kong's `kong.response.error(status, message, headers)`: templated body
 * with the request id, Kong's local-reply headers.
 */
export function replyError(
  res: HttpResponse, head: RequestHead, status: number, message?: string, opts: ErrorReplyOptions = {},
): void {
  const mime = errorMimeFor(head, opts.negotiation ?? 'accept');
  const body = renderErrorBody(mime, message ?? defaultErrorMessage(status), head.requestId);
  const type = ERROR_CONTENT_TYPE[mime];
  writeLocalReply(res, head, status, type === '' ? null : type, body, opts.headers);
}

/** Reply with a catalogued request error (status, message, negotiation, headers from the catalogue). */
export function replyRequestError(res: HttpResponse, head: RequestHead, code: RequestErrorCode, message?: string): void {
  const spec = requestError(code);
  replyError(res, head, spec.status, message ?? spec.message, { negotiation: spec.negotiation, headers: spec.headers });
}

/**
 * Kong's `kong.response.exit(status, body, headers)`: a table becomes
 * compact JSON, a string is sent as-is, no body gives Content-Length: 0.
 */
export function replyExit(
  res: HttpResponse, head: RequestHead, status: number, body?: object | string, headers?: HeaderPairs,
): void {
  if (body === undefined) return writeLocalReply(res, head, status, null, '', headers);
  if (typeof body === 'string') return writeLocalReply(res, head, status, null, body, headers);
  writeLocalReply(res, head, status, ERROR_CONTENT_TYPE.json, renderExitJson(body), headers);
}

/**
 * Write a complete Kong-generated response in one corked write: status,
 * Content-Type, extra headers, X-Kong-Response-Latency, Server,
 * X-Kong-Request-Id (Date and Content-Length come from uWS). No-op when the
 * client is gone.
 */
export function writeLocalReply(
  res: HttpResponse, head: RequestHead, status: number, contentType: string | null, body: string,
  headers?: HeaderPairs,
): void {
  head.onAbort = null;
  if (head.aborted) return;
  head.body?.release();
  const latency = Math.round(performance.now() - head.startedAt);
  res.cork(() => {
    res.writeStatus(statusLine(status));
    if (contentType !== null) res.writeHeader('Content-Type', contentType);
    if (headers !== undefined) for (const [name, value] of headers) res.writeHeader(name, value);
    res.writeHeader(H_RESPONSE_LATENCY, String(latency));
    res.writeHeader('Server', SERVER_TOKEN);
    res.writeHeader(H_REQUEST_ID, head.requestId);
    if (head.method === 'HEAD') res.endWithoutBody(Buffer.byteLength(body));
    else res.end(body);
  });
}
