import { H_REQUEST_ID, VIA_TOKEN, SERVER_TOKEN } from '../http/identity.js';
import type { RequestHead } from '../http/request-head.js';

/**
 * Header hygiene on both legs, as Kong does it (kong-format.md §4.5, §4.6):
 * hop-by-hop headers never cross, X-Forwarded-* / X-Real-IP / Via /
 * X-Kong-Request-Id are set by the gateway.
 */

export interface UpstreamHeaderOptions {
  /** `Host` sent upstream (§4.4: client Host when preserve_host, else host_header or target[:port]). */
  host: string;
  /** Scheme the client used (`http` on a plain listener). */
  scheme: string;
  /** Prefix removed by strip_path, when not `/`: sent as X-Forwarded-Prefix. */
  forwardedPrefix?: string;
  /** Peer is in trusted_ips (default none): client X-Forwarded-Proto/Host/Port/Path/Prefix are kept. */
  trusted?: boolean;
  /** Client HTTP version as Via writes it: `1.1` (default) or `2`. */
  viaVersion?: string;
  /** false when the body will not be sent: drops Content-Length. Default true. */
  withBody?: boolean;
}

const enum In {
  Drop = 1, Te, Xff, Via, Trustable, ContentLength,
}

/** What happens to each special client header; anything else is copied. */
const REQUEST_RULES: ReadonlyMap<string, In> = new Map<string, In>([
  ['host', In.Drop], ['connection', In.Drop], ['keep-alive', In.Drop], ['proxy-connection', In.Drop],
  ['proxy', In.Drop], ['trailer', In.Drop], ['transfer-encoding', In.Drop], ['upgrade', In.Drop],
  // uWS answers `Expect: 100-continue` itself; undici refuses to send Expect.
  ['expect', In.Drop], ['x-real-ip', In.Drop], ['x-kong-request-id', In.Drop],
  ['te', In.Te], ['x-forwarded-for', In.Xff], ['via', In.Via], ['content-length', In.ContentLength],
  ['x-forwarded-proto', In.Trustable], ['x-forwarded-host', In.Trustable], ['x-forwarded-port', In.Trustable],
  ['x-forwarded-path', In.Trustable], ['x-forwarded-prefix', In.Trustable],
]);

/** Collected while walking the client headers. */
interface Seen {
  xff: string | undefined;
  via: string | undefined;
  trailers: boolean;
  trusted: Map<string, string> | null;
}

/**
 * The flat [name, value, ...] list for undici: gateway-set headers first
 * (as nginx's proxy_set_header puts them), then the client's, minus
 * hop-by-hop ones (including every name listed in `Connection`).
 */
export function buildUpstreamHeaders(head: RequestHead, opts: UpstreamHeaderOptions): string[] {
  const listed = connectionListed(head.headers);
  const seen: Seen = { xff: undefined, via: undefined, trailers: false, trusted: opts.trusted ? new Map() : null };
  const rest: string[] = [];
  const h = head.headers;
  const withBody = opts.withBody !== false;
  for (let i = 0; i < h.length; i += 2) {
    const name = h[i];
    const rule = REQUEST_RULES.get(name);
    if (rule === undefined) {
      if (listed === null || !listed.has(name)) rest.push(name, h[i + 1]);
    } else if (rule === In.ContentLength) {
      if (withBody) rest.push(name, h[i + 1]);
    } else if (rule !== In.Drop) {
      note(seen, rule, name, h[i + 1]);
    }
  }
  return gatewayHeaders(head, opts, seen).concat(rest);
}

function note(seen: Seen, rule: In, name: string, value: string): void {
  if (rule === In.Xff) seen.xff = seen.xff === undefined ? value : `${seen.xff}, ${value}`;
  else if (rule === In.Via) seen.via = seen.via === undefined ? value : `${seen.via}, ${value}`;
  else if (rule === In.Te) seen.trailers ||= hasToken(value, 'trailers');
  else if (seen.trusted !== null && !seen.trusted.has(name)) seen.trusted.set(name, value);
}

function gatewayHeaders(head: RequestHead, opts: UpstreamHeaderOptions, seen: Seen): string[] {
  const t = seen.trusted;
  const addr = head.remoteAddress;
  const out = [
    'host', opts.host,
    'X-Forwarded-For', seen.xff === undefined ? addr : `${seen.xff}, ${addr}`,
    'X-Forwarded-Proto', t?.get('x-forwarded-proto') ?? opts.scheme,
    'X-Forwarded-Host', t?.get('x-forwarded-host') ?? requestHost(head),
    'X-Forwarded-Port', t?.get('x-forwarded-port') ?? String(head.localPort),
    'X-Forwarded-Path', t?.get('x-forwarded-path') ?? head.url,
  ];
  const prefix = t?.get('x-forwarded-prefix') ?? opts.forwardedPrefix;
  if (prefix !== undefined) out.push('X-Forwarded-Prefix', prefix);
  const via = opts.viaVersion === undefined || opts.viaVersion === '1.1' ? VIA_TOKEN : `${opts.viaVersion} ${SERVER_TOKEN}`;
  out.push('X-Real-IP', addr, H_REQUEST_ID, head.requestId, 'Via', seen.via === undefined ? via : `${seen.via}, ${via}`);
  if (seen.trailers) out.push('te', 'trailers');
  return out;
}

/** nginx's `$host` from the Host header: lower case, port removed (IPv6 brackets kept). */
export function requestHost(head: RequestHead): string {
  const h = head.headers;
  let host = '';
  for (let i = 0; i < h.length; i += 2) {
    if (h[i] === 'host') {
      host = h[i + 1];
      break;
    }
  }
  const end = host.charCodeAt(0) === 91 /* [ */ ? host.indexOf(']') + 1 : host.indexOf(':');
  return (end > 0 ? host.slice(0, end) : host).toLowerCase();
}

/** Names listed in the client's Connection header(s), other than keep-alive/close; null when none. */
function connectionListed(h: string[]): Set<string> | null {
  let listed: Set<string> | null = null;
  for (let i = 0; i < h.length; i += 2) {
    if (h[i] !== 'connection') continue;
    const value = h[i + 1].toLowerCase();
    if (value === 'keep-alive' || value === 'close') continue;
    for (const token of value.split(',')) {
      const name = token.trim();
      if (name === '' || name === 'keep-alive' || name === 'close') continue;
      (listed ??= new Set()).add(name);
    }
  }
  return listed;
}

function hasToken(value: string, token: string): boolean {
  for (const part of value.split(',')) {
    const semi = part.indexOf(';');
    if ((semi === -1 ? part : part.slice(0, semi)).trim().toLowerCase() === token) return true;
  }
  return false;
}
