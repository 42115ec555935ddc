import type { RequestErrorCode } from '../../errors/catalog.js';

/** Raised by the forwarder when the upstream stops taking the request body for write_timeout. */
export class UpstreamWriteTimeoutError extends Error {
  readonly code = 'GW_UPSTREAM_WRITE_TIMEOUT';
  constructor() {
    super('upstream write timeout');
  }
}

/** Raised into undici when the client went away, to abort the upstream request. */
export class ClientAbortedError extends Error {
  readonly code = 'GW_CLIENT_ABORTED';
  constructor() {
    super('client closed the connection');
  }
}

/**
 * undici / socket errors → the catalogued error Kong would answer with:
 * refused / reset / bad response → 502, any timeout → 504, DNS → 503.
 */
export function upstreamErrorCode(err: unknown): RequestErrorCode {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'internal-error';
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'upstream-connect-timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'upstream-timeout';
    case 'GW_UPSTREAM_WRITE_TIMEOUT':
      return 'upstream-write-timeout';
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'upstream-connect-failed';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return 'upstream-reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'dns-failed';
    case 'GW_CLIENT_ABORTED':
      return 'client-aborted';
    case 'UND_ERR_INVALID_ARG':
      // undici refused the request: a client header value or path uWS accepted but HTTP forbids
      return 'bad-request';
    default:
      return invalidResponse(code) ? 'upstream-invalid-response' : 'internal-error';
  }
}

function invalidResponse(code: string): boolean {
  return code.startsWith('HPE_')
    || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
    || code === 'UND_ERR_HEADERS_OVERFLOW'
    || code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE'
    || code === 'UND_ERR_INFO';
}
