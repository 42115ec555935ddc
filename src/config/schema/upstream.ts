import type { z } from 'zod';
import { bool, customStr, entityBase, headerName, int, oneOf, opt, path, str } from './typedefs.js';
import { foreignKey } from './foreign-key.js';
import { hostWithOptionalPortProblem, isParseError, normalizeIp } from './host-port.js';
import { checkConditional, checkDistinct, type ThenMatch } from './entity-checks.js';
import { healthchecks } from './upstream-healthchecks.js';

export const ALGORITHMS = ['consistent-hashing', 'least-connections', 'round-robin', 'latency'] as const;
export const HASH_ON = ['none', 'consumer', 'ip', 'header', 'cookie', 'path', 'query_arg', 'uri_capture'] as const;

/** Kong's upstream name rule: a hostname, not an IP, without port. */
export function upstreamNameProblem(name: string): string | undefined {
  const p = normalizeIp(name);
  if (isParseError(p)) return `Invalid name ('${name}'); must be a valid hostname`;
  if (p.type !== 'name') return `Invalid name ('${name}'); no ip addresses allowed`;
  if (p.port !== undefined) return `Invalid name ('${name}'); no port allowed`;
  return undefined;
}

const COOKIE_NAME_RE = /^[a-zA-Z0-9_-]+$/;
const cookieName = () =>
  customStr((c) => (COOKIE_NAME_RE.test(c) ? undefined : `bad cookie name '${c}', allowed characters are A-Z, a-z, 0-9, '_', and '-'`));

/** Kong `upstreams` entity fields. */
export const upstreamFields = {
  ...entityBase,
  name: customStr(upstreamNameProblem),
  algorithm: oneOf(ALGORITHMS).default('round-robin'),
  hash_on: oneOf(HASH_ON).default('none'),
  hash_fallback: oneOf(HASH_ON).default('none'),
  hash_on_header: opt(headerName()),
  hash_fallback_header: opt(headerName()),
  hash_on_cookie: opt(cookieName()),
  hash_on_cookie_path: path().default('/'),
  hash_on_query_arg: opt(str()),
  hash_fallback_query_arg: opt(str()),
  hash_on_uri_capture: opt(str()),
  hash_fallback_uri_capture: opt(str()),
  slots: int(10, 2 ** 16).default(10000),
  healthchecks: healthchecks(),
  host_header: opt(customStr(hostWithOptionalPortProblem)),
  client_certificate: opt(foreignKey()),
  use_srv_name: bool().default(false),
};

type Conditional = [ifField: string, ifValues: readonly string[], thenField: string, then: ThenMatch];
const REQUIRED: ThenMatch = { required: true };

/** Kong's upstream entity checks, in Kong's order. */
const CONDITIONALS: readonly Conditional[] = [
  ['hash_on', ['header'], 'hash_on_header', REQUIRED],
  ['hash_fallback', ['header'], 'hash_fallback_header', REQUIRED],
  ['hash_on', ['cookie'], 'hash_on_cookie', REQUIRED],
  ['hash_fallback', ['cookie'], 'hash_on_cookie', REQUIRED],
  ['hash_on', ['none'], 'hash_fallback', { oneOf: ['none'] }],
  ['hash_on', ['cookie'], 'hash_fallback', { oneOf: ['none'] }],
  ['hash_on', ['consumer'], 'hash_fallback', { oneOf: ['none', 'ip', 'header', 'cookie', 'path', 'query_arg', 'uri_capture'] }],
  ['hash_on', ['ip'], 'hash_fallback', { oneOf: ['none', 'consumer', 'header', 'cookie', 'path', 'query_arg', 'uri_capture'] }],
  ['hash_on', ['path'], 'hash_fallback', { oneOf: ['none', 'consumer', 'header', 'cookie', 'query_arg', 'ip', 'uri_capture'] }],
  ['hash_on', ['query_arg'], 'hash_on_query_arg', REQUIRED],
  ['hash_fallback', ['query_arg'], 'hash_fallback_query_arg', REQUIRED],
  ['hash_on', ['uri_capture'], 'hash_on_uri_capture', REQUIRED],
  ['hash_fallback', ['uri_capture'], 'hash_fallback_uri_capture', REQUIRED],
];

const DISTINCT: readonly (readonly string[])[] = [
  ['hash_on_header', 'hash_fallback_header'],
  ['hash_on_query_arg', 'hash_fallback_query_arg'],
  ['hash_on_uri_capture', 'hash_fallback_uri_capture'],
];

/** Hash rules: the fields each hash mode needs, fallbacks that may not repeat `hash_on`, distinct pairs. */
export function checkUpstream(u: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [ifField, ifValues, thenField, then] of CONDITIONALS) checkConditional(u, ifField, ifValues, thenField, then, ctx);
  for (const fields of DISTINCT) checkDistinct(u, fields, ctx);
}

/**
 * Kong's upstream shorthands (its `shorthand_fields`), to apply to the raw
 * entity before validation; returns a new object. In Kong's order:
 * 1. `algorithm` `least-connections` or `latency` sets `hash_on` to null;
 * 2. then a `hash_on` that is present: null becomes `none`; `none` forces
 *    `algorithm: round-robin`; any other value forces `consistent-hashing`.
 * Values of the wrong type are left alone for validation to report.
 */
export function applyUpstreamShorthands(raw: Record<string, unknown>): Record<string, unknown> {
  const out = { ...raw };
  if (out.algorithm === 'least-connections' || out.algorithm === 'latency') out.hash_on = null;
  if (out.hash_on === null) out.hash_on = 'none';
  else if (typeof out.hash_on === 'string') out.algorithm = out.hash_on === 'none' ? 'round-robin' : 'consistent-hashing';
  return out;
}
