/**
 * The router's public shapes. The router is pure: it is compiled once from
 * the normalized routes and answers `match` on the request path (no sockets,
 * no timers, no I/O).
 */
import type { NormalizedRoute } from '../../config/types.js';

export interface MatchRequest {
  method: string;
  /** Host header as sent, may include `:port` */
  host: string;
  /** local listening port */
  port: number;
  /** raw request path without the query */
  path: string;
  /** lower-case header names */
  headers: ReadonlyMap<string, string | string[]>;
  scheme: 'http' | 'https';
  sni?: string;
}

export interface RouteCaptures {
  /** named groups that took part in the match */
  readonly named: Readonly<Record<string, string>>;
  /** every group by position (group 1 first); a group that took no part is '' */
  readonly unnamed: readonly string[];
}

/** Shared between requests through the match cache: never mutate one. */
export interface RouteMatch {
  readonly route: NormalizedRoute;
  readonly normalizedPath: string;
  /** the route path prefix, or the part the regex matched; null for a route without paths */
  readonly matchedPrefix: string | null;
  /** regex captures; null for prefix paths and for regexes without groups */
  readonly captures: RouteCaptures | null;
}

/** The comparator's rules, most significant first (see rank.ts). */
export type RankRule =
  | 'match-weight'
  | 'plain-hosts'
  | 'header-count'
  | 'regex-path'
  | 'regex-priority'
  | 'prefix-length'
  | 'id';

export interface LosingCandidate {
  route: NormalizedRoute;
  /** the paths of the route's path group that matched (a route is split per path group) */
  paths: readonly string[] | null;
  matchedPrefix: string | null;
  /** the first comparator rule on which the winner ranks higher */
  lostOn: RankRule;
  /** human-readable reason, e.g. "match-weight: 2 < 3" */
  reason: string;
}

export interface RouteExplanation {
  normalizedPath: string;
  match: RouteMatch | null;
  /** routes that also matched the request but rank lower, best first */
  losers: LosingCandidate[];
}

export interface RouterOptions {
  /** entries of the match cache (requests whose answer does not depend on headers); 0 disables it */
  cacheSize?: number;
}

export interface Router {
  match(req: MatchRequest): RouteMatch | null;
  explain(req: MatchRequest): RouteExplanation;
  /** the route table in match order, one line per path group */
  print(): string;
  /** HTTP routes the router serves (stream routes are left out) */
  readonly routes: readonly NormalizedRoute[];
  /** the route conflicts (shadowed routes, exact ties), from the router's own compiled tables; for lint */
  conflicts(): { shadowed: { route: NormalizedRoute; by: NormalizedRoute }[]; ties: { a: NormalizedRoute; b: NormalizedRoute }[] };
}
