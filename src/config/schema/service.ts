import { z } from 'zod';
import {
  bool, entityBase, fail, host, int, name, opt, path, port, protocol, str, timeoutMs, uuid, arrayOf,
} from './typedefs.js';
import { foreignKey } from './foreign-key.js';

/** Kong `services` entity fields (kong/db/schema/entities/services.lua). */
export const serviceFields = {
  ...entityBase,
  name: opt(name()),
  protocol: protocol().default('http'),
  host: host(),
  port: port().default(80),
  path: opt(path()),
  retries: int(0, 32767).default(5),
  connect_timeout: timeoutMs(60000),
  write_timeout: timeoutMs(60000),
  read_timeout: timeoutMs(60000),
  client_certificate: opt(foreignKey()),
  tls_verify: opt(bool()),
  tls_verify_depth: opt(int(0, 64)),
  ca_certificates: opt(arrayOf(uuid())),
  enabled: bool().default(true),
};

const NO_PATH_PROTOCOLS = new Set(['tcp', 'tls', 'udp', 'grpc', 'grpcs']);
const TLS_ONLY_FIELDS = ['client_certificate', 'tls_verify', 'tls_verify_depth', 'ca_certificates'] as const;

/** Entity checks conditional on `protocol`. */
export function checkService(s: { protocol: string; path: unknown } & Record<string, unknown>, ctx: z.RefinementCtx): void {
  const conditional = (field: string) => {
    fail(ctx, `failed conditional validation given value of field 'protocol'`, 'schema-entity-check');
    fail(ctx, 'value must be null', 'schema-entity-check', [field]);
  };
  if (NO_PATH_PROTOCOLS.has(s.protocol) && s.path !== null) conditional('path');
  if (s.protocol !== 'https' && s.protocol !== 'tls') {
    for (const f of TLS_ONLY_FIELDS) if (s[f] !== null && s[f] !== undefined) conditional(f);
  }
}

export interface ParsedUrl {
  protocol: string;
  host: string | null;
  port: number;
  path: string | null;
}

/**
 * The `url` shorthand: overrides protocol/host/port/path (Kong 1.9). Returns
 * a message when the URL cannot be parsed.
 */
export function expandServiceUrl(url: string): ParsedUrl | string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([^?#]*)/.exec(url);
  if (!m) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return 'missing scheme in url';
    return `could not parse url. ${url}`;
  }
  const scheme = m[1].toLowerCase();
  const hostPart = m[2] || null;
  if (!hostPart) return 'missing host in url';
  const explicitPort = m[3] ? Number(m[3]) : undefined;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return {
    protocol: scheme,
    host: hostPart,
    port: explicitPort ?? defaultPort,
    path: m[4] ? m[4] : null,
  };
}

export const serviceUrl = str();
