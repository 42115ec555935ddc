/**
 * Route precedence: the ONE comparator of the router. Kong's
 * traditional_compatible router packs these fields into a 64-bit priority
 * (kong/router/transform.lua get_priority) and the ATC router tries matchers
 * from the highest (priority, id) down (atc-router src/router.rs: a BTreeMap
 * iterated in reverse). Rules, most significant first; on every rule the
 * higher value wins:
 *
 * 1. match-weight   — how many condition kinds the route sets among methods,
 *                     hosts, headers, snis, paths (and sources/destinations,
 *                     which HTTP routes cannot set).
 * 2. plain-hosts    — `hosts` is set and none of its entries has a `*`
 *                     (Kong tests "hosts is a table", so `hosts: []` counts).
 * 3. header-count   — number of header names (capped at 255).
 * 4. regex-path     — a regex path group beats a prefix path group.
 * 5. regex-priority — `regex_priority`, regex path groups only (0 otherwise).
 * 6. prefix-length  — byte length of the group's prefix paths (masked to 19
 *                     bits like Kong); 0 for regex groups and routes without paths.
 * 7. id             — the larger matcher id (uuid, compared as lower-case
 *                     text = byte order): Kong's BTreeMap order. created_at
 *                     plays no part in traditional_compatible.
 *
 * Note: Kong's Lua shifts some of these fields with 32-bit LuaJIT arithmetic
 * (a Lua number is shifted, not a uint64 cdata), so in some Kong versions the
 * fields overlap or wrap — e.g. header count lands among the regex_priority
 * bits, and weights of 4+ or a negative regex_priority turn negative and are
 * converted to uint64 in undefined ways. gatewayd implements the order Kong
 * documents and intends, not that accident.
 */
import type { RankRule } from './types.js';
import { pathByteLength, type RouteVariant } from './variants.js';

export interface RankKey {
  readonly matchWeight: number;
  readonly plainHostsOnly: boolean;
  readonly headerCount: number;
  readonly isRegex: boolean;
  readonly regexPriority: number;
  readonly prefixLength: number;
  readonly id: string;
}

const MAX_HEADER_COUNT = 255;
const MAX_PREFIX_LENGTH = 0x7ffff;

const isSet = (v: readonly unknown[] | Record<string, unknown> | null | undefined): boolean =>
  v !== null && v !== undefined && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);

export function rankKeyOf(v: RouteVariant): RankKey {
  const r = v.route;
  const conditionKinds = [r.methods, r.hosts, r.headers, r.snis, v.paths, r.sources, r.destinations];
  const headerCount = r.headers ? Object.keys(r.headers).length : 0;
  return {
    matchWeight: conditionKinds.filter(isSet).length,
    plainHostsOnly: Array.isArray(r.hosts) && !r.hosts.some((h) => h.includes('*')),
    headerCount: Math.min(headerCount, MAX_HEADER_COUNT),
    isRegex: v.isRegex,
    regexPriority: v.isRegex ? r.regex_priority : 0,
    prefixLength: v.paths && !v.isRegex ? pathByteLength(v.paths[0]) & MAX_PREFIX_LENGTH : 0,
    id: v.id.toLowerCase(),
  };
}

const RULES: readonly (readonly [RankRule, (k: RankKey) => number | string])[] = [
  ['match-weight', (k) => k.matchWeight],
  ['plain-hosts', (k) => (k.plainHostsOnly ? 1 : 0)],
  ['header-count', (k) => k.headerCount],
  ['regex-path', (k) => (k.isRegex ? 1 : 0)],
  ['regex-priority', (k) => k.regexPriority],
  ['prefix-length', (k) => k.prefixLength],
  ['id', (k) => k.id],
];

/** The first rule on which `a` and `b` differ, or null when they are the same matcher. */
export function decidingRule(a: RankKey, b: RankKey): { rule: RankRule; a: number | string; b: number | string } | null {
  for (const [rule, value] of RULES) {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) return { rule, a: va, b: vb };
  }
  return null;
}

/** Sort order: negative when `a` is tried before `b` (ranks higher). */
export function compareRank(a: RankKey, b: RankKey): number {
  // The RULES above, unrolled: this comparator sorts every matcher of a large table.
  if (a.matchWeight !== b.matchWeight) return a.matchWeight > b.matchWeight ? -1 : 1;
  if (a.plainHostsOnly !== b.plainHostsOnly) return a.plainHostsOnly ? -1 : 1;
  if (a.headerCount !== b.headerCount) return a.headerCount > b.headerCount ? -1 : 1;
  if (a.isRegex !== b.isRegex) return a.isRegex ? -1 : 1;
  if (a.regexPriority !== b.regexPriority) return a.regexPriority > b.regexPriority ? -1 : 1;
  if (a.prefixLength !== b.prefixLength) return a.prefixLength > b.prefixLength ? -1 : 1;
  if (a.id !== b.id) return a.id > b.id ? -1 : 1;
  return 0;
}

/** Same rank on every rule but the id: which route wins is decided by id alone. */
export function tiesExceptId(a: RankKey, b: RankKey): boolean {
  return decidingRule(a, b)?.rule === 'id';
}
