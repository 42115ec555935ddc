/**
 * Kong's address parsing (kong/tools/utils.lua `normalize_ip` and friends),
 * used by upstream names, targets, host headers and SNIs so that the same
 * strings are accepted and the same messages given as in Kong.
 */
export type HostType = 'ipv4' | 'ipv6' | 'name';

export interface HostPort {
  type: HostType;
  /** ipv4 without leading zeros, ipv6 fully expanded (no brackets), names as written. */
  host: string;
  port?: number;
}

export type Parsed = HostPort | { error: string };

const MAX_PORT = 65535;

/** Kong `hostname_type`: decided by exclusion, not validation. */
export function hostnameType(address: string): HostType {
  const colons = address.split(':').length - 1;
  if (colons > 1) return 'ipv6';
  if (/^[\d.]+$/.test(address.replace(/:/g, ''))) return 'ipv4';
  return 'name';
}

function normalizeIpv4(address: string): Parsed {
  const re = address.includes(':')
    ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d+)$/
    : /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
  const m = re.exec(address);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  if (!m || octets.some((o) => o > 255)) return { error: `invalid ipv4 address: ${address}` };
  const port = m[5] === undefined ? undefined : Number(m[5]);
  if (port !== undefined && port > MAX_PORT) return { error: 'invalid port number' };
  return { type: 'ipv4', host: octets.join('.'), port };
}

function expandIpv6(check: string): string | undefined {
  let s = check;
  if (s.startsWith(':')) s = `0${s}`;
  if (s.endsWith(':')) s = `${s}0`;
  if (s.includes('::')) {
    const count = s.split(':').length - 1;
    s = s.replace('::', `:${'0:'.repeat(Math.max(0, 8 - count))}`);
  }
  const groups = s.split(':');
  if (groups.length !== 8 || !groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.padStart(4, '0').toLowerCase()).join(':');
}

function normalizeIpv6(address: string): Parsed {
  let check = address;
  let port: number | undefined;
  const m = /^(\[[^\]]*\])(.*)$/.exec(address);
  if (m) {
    check = m[1].slice(1, -1);
    if (m[2] !== '') {
      const p = /^:(\d+)$/.exec(m[2]);
      if (!p) return { error: 'invalid ipv6 address' };
      port = Number(p[1]);
      if (port > MAX_PORT) return { error: 'invalid port number' };
    }
  }
  const host = expandIpv6(check);
  if (host === undefined) return { error: `invalid ipv6 address: ${address}` };
  return { type: 'ipv6', host, port };
}

/** Kong `check_hostname`: `[A-Za-z0-9._-]`, no label ending in `-`, no empty label but a trailing one. */
function checkHostname(address: string): Parsed {
  let name = address;
  let port: number | undefined;
  const m = /:(\d+)$/.exec(address);
  if (m) {
    name = address.slice(0, -(m[1].length + 1));
    port = Number(m[1]);
    if (port > MAX_PORT) return { error: 'invalid port number' };
  }
  const invalid = { error: `invalid hostname: ${address}` };
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return invalid;
  const labels = name.split('.');
  const bad = labels.some((l, i) => l.endsWith('-') || (l === '' && i !== labels.length - 1));
  return bad ? invalid : { type: 'name', host: name, port };
}

/** Kong `normalize_ip`: ipv4[:port], ipv6, [ipv6][:port], name[:port]. */
export function normalizeIp(address: string): Parsed {
  const type = hostnameType(address);
  if (type === 'ipv4') return normalizeIpv4(address);
  if (type === 'ipv6') return normalizeIpv6(address);
  return checkHostname(address);
}

export function isParseError(p: Parsed): p is { error: string } {
  return 'error' in p;
}

/** Kong `typedefs.sni` (validate_sni): a hostname, not an IP, no port. */
export function sniProblem(host: string): string | undefined {
  const p = normalizeIp(host);
  if (isParseError(p) && p.error !== 'invalid port number') return `invalid value: ${host}`;
  if (!isParseError(p) && p.type !== 'name') return 'must not be an IP';
  if (isParseError(p) || p.port !== undefined) return 'must not have a port';
  return undefined;
}

/**
 * Kong `typedefs.wildcard_host` (SNI names): one `*` as first or last
 * character, then the SNI rules. As in Kong, the `invalid value` message shows
 * the name with `*` replaced by `wildcard`.
 */
export function wildcardHostProblem(host: string): string | undefined {
  const idx = host.indexOf('*');
  if (idx === -1) return sniProblem(host);
  if (idx !== 0 && idx !== host.length - 1) return 'wildcard must be leftmost or rightmost character';
  const mock = host.replace(/\*/g, 'wildcard');
  if (host.split('*').length > 2) return 'only one wildcard must be specified';
  return sniProblem(mock);
}

/** Kong `typedefs.host_with_optional_port`: the normalize_ip error as message. */
export function hostWithOptionalPortProblem(host: string): string | undefined {
  const p = normalizeIp(host);
  return isParseError(p) ? p.error : undefined;
}

/** Kong `format_host`: `host:port` or `[ipv6]:port`, with `defaultPort` when none is given. */
export function formatHost(p: HostPort, defaultPort: number): string {
  const port = p.port ?? defaultPort;
  return p.type === 'ipv6' ? `[${p.host}]:${port}` : `${p.host}:${port}`;
}
