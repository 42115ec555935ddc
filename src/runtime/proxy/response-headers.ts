import { H_PROXY_LATENCY, H_REQUEST_ID, H_UPSTREAM_LATENCY, SERVER_TOKEN, VIA_TOKEN } from '../http/identity.js';

/**
 * Flat [name, value, ...] list of response headers for the client. Names
 * are strings as the upstream cased them; values stay the upstream's raw
 * bytes (Uint8Array) unless something set a string, so no byte is
 * re-encoded on the way through.
 */
export type ResponseHeaderList = (string | Uint8Array)[];

export interface UpstreamResponseHead {
  headers: ResponseHeaderList;
  /** Upstream Content-Length, -1 when absent (chunked or close-delimited). */
  contentLength: number;
  /** Upstream sent a Server header (passed through). */
  hasServer: boolean;
  /** Upstream Via values joined; Kong's token is appended to it. */
  via: string | undefined;
}

const enum Out {
  Drop = 1, Connection, ContentLength, Server, Via,
}

/**
 * Special upstream response headers. Date and Content-Length are dropped
 * because uWS writes its own (a second one would be a protocol error);
 * Kong's own headers are dropped because Kong overwrites them.
 */
const RESPONSE_RULES: ReadonlyMap<string, Out> = new Map<string, Out>([
  ['connection', Out.Connection], ['keep-alive', Out.Drop], ['proxy-connection', Out.Drop],
  ['te', Out.Drop], ['trailer', Out.Drop], ['transfer-encoding', Out.Drop], ['upgrade', Out.Drop],
  ['date', Out.Drop], ['content-length', Out.ContentLength], ['server', Out.Server], ['via', Out.Via],
  ['x-kong-request-id', Out.Drop], ['x-kong-upstream-latency', Out.Drop], ['x-kong-proxy-latency', Out.Drop],
]);

/** Name lengths that have a rule: other names skip the lower-casing and the lookup. */
const RULE_LENGTHS = new Uint8Array(64);
for (const name of RESPONSE_RULES.keys()) RULE_LENGTHS[name.length] = 1;

/** Read undici's raw header pairs, dropping hop-by-hop headers (and any named in Connection). */
export function readUpstreamResponseHeaders(raw: Buffer[]): UpstreamResponseHead {
  const out: UpstreamResponseHead = { headers: [], contentLength: -1, hasServer: false, via: undefined };
  let listed: string[] | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toString('latin1');
    const rule = RULE_LENGTHS[name.length] === 1 ? RESPONSE_RULES.get(name.toLowerCase()) : undefined;
    if (rule === undefined) {
      out.headers.push(name, raw[i + 1]);
    } else if (rule === Out.Server) {
      out.hasServer = true;
      out.headers.push(name, raw[i + 1]);
    } else if (rule === Out.ContentLength) {
      out.contentLength = parseContentLength(raw[i + 1]);
    } else if (rule === Out.Via) {
      const v = raw[i + 1].toString('latin1');
      out.via = out.via === undefined ? v : `${out.via}, ${v}`;
    } else if (rule === Out.Connection) {
      listed = connectionTokens(raw[i + 1].toString('latin1'), listed);
    }
  }
  if (listed !== null) out.headers = withoutNames(out.headers, listed);
  return out;
}

/**
 * Kong's headers on a proxied response (§4.6): latencies, Via (appended to
 * the upstream's), Server if the upstream sent none, X-Kong-Request-Id.
 */
export function appendKongResponseHeaders(
  resp: UpstreamResponseHead, requestId: string, upstreamLatency: number, proxyLatency: number,
): void {
  const h = resp.headers;
  h.push(H_UPSTREAM_LATENCY, String(upstreamLatency), H_PROXY_LATENCY, String(proxyLatency));
  h.push('Via', resp.via === undefined ? VIA_TOKEN : `${resp.via}, ${VIA_TOKEN}`);
  if (!resp.hasServer) h.push('Server', SERVER_TOKEN);
  h.push(H_REQUEST_ID, requestId);
}

function parseContentLength(value: Buffer): number {
  const n = Number(value.toString('latin1'));
  return Number.isSafeInteger(n) && n >= 0 ? n : -1;
}

function connectionTokens(value: string, into: string[] | null): string[] | null {
  for (const token of value.split(',')) {
    const name = token.trim().toLowerCase();
    if (name === '' || name === 'keep-alive' || name === 'close') continue;
    (into ??= []).push(name);
  }
  return into;
}

function withoutNames(headers: ResponseHeaderList, names: string[]): ResponseHeaderList {
  const kept: ResponseHeaderList = [];
  for (let i = 0; i < headers.length; i += 2) {
    if (!names.includes((headers[i] as string).toLowerCase())) kept.push(headers[i], headers[i + 1]);
  }
  return kept;
}
