/**
 * A route's non-path conditions compiled for the hot path, following the
 * expressions Kong's traditional_compatible router generates
 * (kong/router/transform.lua get_expression):
 * - hosts: `*.x` → host ends with `.x`; `x.*` → host starts with `x.`; else
 *   equal. `host:port` also needs the port: the Host header's port, or the
 *   listening port when the Host header has none (kong/router/fields.lua
 *   net.dst.port). Compared lower-case.
 * - methods: equal, as sent.
 * - headers: every header name must match; a value matches when it equals one
 *   of the configured values or a `~*` regex finds a match, both lower-cased
 *   (Kong lower-cases the regex source too).
 * - snis: only checked on https; the SNI must equal one of them (a trailing
 *   dot on the configured SNI is ignored; wildcards are literal, as in Kong).
 */
import type { NormalizedRoute } from '../../config/types.js';

export type HostKind = 'exact' | 'suffix' | 'prefix';

export interface HostRule {
  readonly kind: HostKind;
  /** exact: the host; suffix: `.example.com`; prefix: `example.` */
  readonly value: string;
  readonly port: number | null;
}

export interface HeaderRule {
  /** lower-case, `_` read as `-` (nginx drops request headers with underscores) */
  readonly name: string;
  readonly values: ReadonlySet<string>;
  readonly patterns: readonly RegExp[];
}

export interface RouteConditions {
  readonly hosts: readonly HostRule[] | null;
  readonly methods: ReadonlySet<string> | null;
  readonly headers: readonly HeaderRule[] | null;
  readonly snis: ReadonlySet<string> | null;
}

const DIGITS = /^\d+$/;

/** Kong's split_host_port: the port follows the first `:` and must be a number (so `[::1]:80` stays whole). */
export function splitHostPort(hostPort: string): { name: string; port: number | null } {
  const colon = hostPort.indexOf(':');
  if (colon < 0) return { name: hostPort, port: null };
  const rest = hostPort.slice(colon + 1);
  if (!DIGITS.test(rest)) return { name: hostPort, port: null };
  return { name: hostPort.slice(0, colon), port: Number(rest) };
}

export function parseRouteHost(host: string): HostRule {
  const { name, port } = splitHostPort(host.toLowerCase());
  if (name.startsWith('*')) return { kind: 'suffix', value: name.slice(1), port };
  if (name.endsWith('*')) return { kind: 'prefix', value: name.slice(0, -1), port };
  return { kind: 'exact', value: name, port };
}

export function hostRuleMatches(rule: HostRule, name: string, port: number): boolean {
  if (rule.port !== null && rule.port !== port) return false;
  if (rule.kind === 'exact') return name === rule.value;
  if (rule.kind === 'suffix') return name.endsWith(rule.value);
  return name.startsWith(rule.value);
}

export function headerRuleMatches(rule: HeaderRule, headers: ReadonlyMap<string, string | string[]>): boolean {
  const sent = headers.get(rule.name);
  if (sent === undefined) return false;
  if (typeof sent === 'string') return headerValueMatches(rule, sent.toLowerCase());
  for (const v of sent) if (headerValueMatches(rule, v.toLowerCase())) return true;
  return false;
}

function headerValueMatches(rule: HeaderRule, lowerValue: string): boolean {
  if (rule.values.has(lowerValue)) return true;
  for (const re of rule.patterns) if (re.test(lowerValue)) return true;
  return false;
}

/** Throws when a `~*` header regex does not compile (Kong leaves such a route out). */
export function compileConditions(route: NormalizedRoute): RouteConditions {
  return {
    hosts: route.hosts && route.hosts.length > 0 ? route.hosts.map(parseRouteHost) : null,
    methods: route.methods && route.methods.length > 0 ? new Set(route.methods) : null,
    headers: compileHeaders(route.headers),
    snis: route.snis && route.snis.length > 0 ? new Set(route.snis.map(normalizeRouteSni)) : null,
  };
}

export const normalizeHeaderName = (name: string): string => name.toLowerCase().replace(/_/g, '-');

function compileHeaders(headers: Record<string, string[]> | null): HeaderRule[] | null {
  if (!headers) return null;
  const rules: HeaderRule[] = [];
  for (const [name, values] of Object.entries(headers)) {
    const plain = new Set<string>();
    const patterns: RegExp[] = [];
    for (const v of values) {
      if (v.startsWith('~*')) patterns.push(new RegExp(v.slice(2).toLowerCase()));
      else plain.add(v.toLowerCase());
    }
    rules.push({ name: normalizeHeaderName(name), values: plain, patterns });
  }
  return rules.length > 0 ? rules : null;
}

export function normalizeRouteSni(sni: string): string {
  const lower = sni.toLowerCase();
  return lower.length > 1 && lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export function sniMatches(snis: ReadonlySet<string>, scheme: string, sni: string | undefined): boolean {
  if (scheme !== 'https') return true;
  return sni !== undefined && snis.has(sni.toLowerCase());
}
