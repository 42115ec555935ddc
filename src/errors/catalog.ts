/**
 * Every request-time error gatewayd can answer with (or log): a stable code,
 * the HTTP status, Kong's exact message, and how the body format is chosen.
 *
 * `negotiation`:
 *  - 'accept': Kong's `kong.response.error()` (router, balancer, plugins):
 *    template from the request `Accept` (q-values), JSON when there is none.
 *  - 'proxy': Kong's nginx error handler (upstream failures, nginx-level
 *    rejections): `Accept`, else `Content-Type`, else `error_default_type`
 *    (text/plain).
 *
 * `reply: false` codes are never sent as a body (the client is gone or the
 * response has started); they exist for logs and metrics.
 */
export type Negotiation = 'accept' | 'proxy';

export interface RequestErrorSpec {
  readonly status: number;
  readonly message: string;
  readonly negotiation: Negotiation;
  readonly reply: boolean;
  /** Extra headers Kong sends with this reply. */
  readonly headers?: readonly (readonly [string, string])[];
  /** Anchor in docs/errors.md. */
  readonly doc: string;
}

function spec(
  status: number,
  message: string,
  negotiation: Negotiation,
  doc: string,
  extra: Partial<Pick<RequestErrorSpec, 'headers' | 'reply'>> = {},
): RequestErrorSpec {
  return Object.freeze({ status, message, negotiation, reply: extra.reply ?? true, headers: extra.headers, doc: `errors.md#${doc}` });
}

const UPSTREAM_INVALID = 'An invalid response was received from the upstream server';
const UPSTREAM_TIMEOUT = 'The upstream server is timing out';

export const REQUEST_ERRORS = Object.freeze({
  // router and route checks (kong.response.error)
  'no-route': spec(404, 'no Route matched with those values', 'accept', 'no-route'),
  'no-service': spec(503, 'no Service found with those values', 'accept', 'no-service'),
  'https-required': spec(426, 'Please use HTTPS protocol', 'accept', 'https-required', {
    headers: [['Connection', 'Upgrade'], ['Upgrade', 'TLS/1.2, HTTP/1.1']],
  }),
  'http2-required': spec(426, 'Please use HTTP2 protocol', 'accept', 'http2-required', {
    headers: [['Connection', 'Upgrade'], ['Upgrade', 'HTTP/2']],
  }),
  'non-grpc-request': spec(415, 'Non-gRPC request matched gRPC route', 'accept', 'non-grpc-request'),
  // balancer (kong.response.error)
  'dns-failed': spec(503, 'name resolution failed', 'accept', 'dns-failed'),
  'no-healthy-target': spec(503, 'failure to get a peer from the ring-balancer', 'accept', 'no-healthy-target'),
  'balancer-failed': spec(500, 'failed the initial dns/balancer resolve', 'accept', 'balancer-failed'),
  // upstream failures (nginx error page → Kong's error handler)
  'upstream-connect-failed': spec(502, UPSTREAM_INVALID, 'proxy', 'upstream-connect-failed'),
  'upstream-reset': spec(502, UPSTREAM_INVALID, 'proxy', 'upstream-reset'),
  'upstream-invalid-response': spec(502, UPSTREAM_INVALID, 'proxy', 'upstream-invalid-response'),
  'upstream-connect-timeout': spec(504, UPSTREAM_TIMEOUT, 'proxy', 'upstream-timeout'),
  'upstream-write-timeout': spec(504, UPSTREAM_TIMEOUT, 'proxy', 'upstream-timeout'),
  'upstream-timeout': spec(504, UPSTREAM_TIMEOUT, 'proxy', 'upstream-timeout'),
  'upstream-unavailable': spec(503, 'The upstream server is currently unavailable', 'proxy', 'upstream-unavailable'),
  // nginx-level request rejections (error handler; 494 is sent as 400)
  'bad-request': spec(400, 'Bad request', 'proxy', 'bad-request'),
  'request-header-too-large': spec(400, 'Request header or cookie too large', 'proxy', 'request-header-too-large'),
  'uri-too-long': spec(414, 'URI too long', 'proxy', 'uri-too-long'),
  'method-not-allowed': spec(405, 'Method not allowed', 'proxy', 'method-not-allowed'),
  'internal-error': spec(500, 'An unexpected error occurred', 'proxy', 'internal-error'),
  // a plugin handler threw (kong.response.error(500) with Kong's default message; the log names the plugin)
  'plugin-failed': spec(500, 'An unexpected error occurred', 'accept', 'plugin-failed'),
  // outcomes that are logged, never answered
  'client-aborted': spec(499, 'client closed the connection', 'proxy', 'client-aborted', { reply: false }),
  'upstream-failed-mid-body': spec(502, UPSTREAM_INVALID, 'proxy', 'upstream-failed-mid-body', { reply: false }),
  'client-send-timeout': spec(504, 'client did not read the response in time', 'proxy', 'client-send-timeout', { reply: false }),
} satisfies Record<string, RequestErrorSpec>);

export type RequestErrorCode = keyof typeof REQUEST_ERRORS;

export const REQUEST_ERROR_CODES = Object.freeze(Object.keys(REQUEST_ERRORS) as RequestErrorCode[]);

export function requestError(code: RequestErrorCode): RequestErrorSpec {
  return REQUEST_ERRORS[code];
}
