/**
 * Kong's generated bodies, byte for byte (kong/tools/http.lua,
 * kong/pdk/response.lua, kong/error_handlers.lua):
 *  - error(): a template chosen by content negotiation, message inserted
 *    as-is (no escaping), request id included;
 *  - exit(): compact JSON of a table, no request id.
 */

/** The template families; each maps to one Content-Type. */
export type ErrorMime = 'json' | 'html' | 'xml' | 'text' | 'grpc';

export const ERROR_CONTENT_TYPE: Readonly<Record<ErrorMime, string>> = Object.freeze({
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  grpc: '',
});

/** kong.response.error()'s default messages (pdk HTTP_MESSAGES). */
const HTTP_MESSAGES: Readonly<Record<number, string>> = Object.freeze({
  400: 'Bad request', 401: 'Unauthorized', 402: 'Payment required', 403: 'Forbidden',
  404: 'Not found', 405: 'Method not allowed', 406: 'Not acceptable',
  407: 'Proxy authentication required', 408: 'Request timeout', 409: 'Conflict', 410: 'Gone',
  411: 'Length required', 412: 'Precondition failed', 413: 'Payload too large',
  414: 'URI too long', 415: 'Unsupported media type', 416: 'Range not satisfiable',
  417: 'Expectation failed', 418: "I'm a teapot", 421: 'Misdirected request',
  422: 'Unprocessable entity', 423: 'Locked', 424: 'Failed dependency', 425: 'Too early',
  426: 'Upgrade required', 428: 'Precondition required', 429: 'Too many requests',
  431: 'Request header fields too large', 451: 'Unavailable for legal reasons',
  494: 'Request header or cookie too large', 500: 'An unexpected error occurred',
  501: 'Not implemented', 502: 'An invalid response was received from the upstream server',
  503: 'The upstream server is currently unavailable', 504: 'The upstream server is timing out',
  505: 'HTTP version not supported', 506: 'Variant also negotiates', 507: 'Insufficient storage',
  508: 'Loop detected', 510: 'Not extended', 511: 'Network authentication required',
});

/** The message Kong uses when error() is given none. */
export function defaultErrorMessage(status: number): string {
  return HTTP_MESSAGES[status] ?? `The upstream server responded with ${status}`;
}

/** Kong's MIME_TYPES lookup (get_mime_type): exact and case-sensitive. */
const MIME_BY_NAME: ReadonlyMap<string, ErrorMime> = new Map<string, ErrorMime>([
  ['application/grpc', 'grpc'], ['text/html', 'html'], ['application/json', 'json'],
  ['text/plain', 'text'], ['application/xml', 'xml'], ['application', 'json'], ['text', 'text'],
]);

function mimeOf(mediaType: string): ErrorMime {
  const slash = mediaType.indexOf('/');
  const sub = mediaType.slice(slash + 1);
  if (sub === '*') {
    const type = mediaType.slice(0, slash);
    return type === '*' ? 'json' : MIME_BY_NAME.get(type) ?? 'json';
  }
  return MIME_BY_NAME.get(mediaType) ?? 'json';
}

const MEDIA_RANGE = /^((?:[a-z0-9][a-z0-9\-!#$&^_+.]+|\*)\/(?:[a-z0-9][a-z0-9\-!#$&^_+.]+|\*))/i;
const Q_PARAM = /\s*;\s*q=(1(?:\.0{0,3})?|0(?:\.\d{0,3})?)/iy;
const OTHER_PARAM = /\s*;\s*[a-z0-9][a-z0-9\-!#$&^_+.]+(?:=[^;]*)?/iy;

/** q of one accept-range, after its media range (PCRE keeps the last q seen). */
function qualityOf(value: string, from: number): number {
  let q = 1;
  let at = from;
  for (;;) {
    Q_PARAM.lastIndex = at;
    const qm = Q_PARAM.exec(value);
    if (qm !== null) {
      q = Number(qm[1]);
      at = Q_PARAM.lastIndex;
      continue;
    }
    OTHER_PARAM.lastIndex = at;
    if (OTHER_PARAM.exec(value) === null) return q;
    at = OTHER_PARAM.lastIndex;
  }
}

/**
 * Kong's get_response_type: the first accept-range with the highest q
 * (q=0 never wins); unknown types and no usable range → JSON.
 */
export function negotiateErrorMime(accept: string | undefined): ErrorMime {
  if (accept === undefined) return 'json';
  if (accept.indexOf(',') === -1 && accept.indexOf(';') === -1) return quickMime(accept.trim());
  let best: ErrorMime = 'json';
  let bestQ = 0;
  for (const part of accept.split(',')) {
    const value = part.trim();
    const m = MEDIA_RANGE.exec(value);
    if (m === null) continue;
    const q = qualityOf(value, m[1].length);
    if (q > bestQ) {
      bestQ = q;
      best = mimeOf(m[1]);
    }
  }
  return best;
}

/** Fast path for a single range without parameters (the usual `Accept`). */
function quickMime(value: string): ErrorMime {
  const m = MEDIA_RANGE.exec(value);
  return m === null ? 'json' : mimeOf(m[1]);
}

/** Negotiation of Kong's nginx error handler: Accept, else Content-Type, else text/plain. */
export function negotiateProxyErrorMime(accept: string | undefined, contentType: string | undefined): ErrorMime {
  const value = accept ?? contentType ?? 'text/plain';
  if (value.startsWith('application/grpc')) return 'grpc';
  return negotiateErrorMime(value);
}

/** Kong's error templates, message and request id inserted verbatim. */
export function renderErrorBody(mime: ErrorMime, message: string, requestId: string): string {
  switch (mime) {
    case 'json':
      return `{\n  "message":"${message}",\n  "request_id":"${requestId}"\n}`;
    case 'text':
      return `${message}\nrequest_id: ${requestId}\n`;
    case 'html':
      return '<!doctype html>\n<html>\n  <head>\n    <meta charset="utf-8">\n    <title>Error</title>\n'
        + `  </head>\n  <body>\n    <h1>Error</h1>\n    <p>${message}.</p>\n    <p>request_id: ${requestId}</p>\n`
        + '  </body>\n</html>\n';
    case 'xml':
      return '<?xml version="1.0" encoding="UTF-8"?>\n<error>\n'
        + `  <message>${message}</message>\n  <requestid>${requestId}</requestid>\n</error>\n`;
    case 'grpc':
      return '';
  }
}

/**
 * kong.response.exit(status, table)'s body: compact JSON as lua-cjson
 * writes it (forward slashes escaped, its default). Strings are not passed
 * here: exit() sends a string body as-is.
 */
export function renderExitJson(body: object): string {
  const json = JSON.stringify(body);
  return json.indexOf('/') === -1 ? json : json.replace(/\//g, '\\/');
}
