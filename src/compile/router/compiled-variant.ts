/**
 * Routes → matchers in rank order: each HTTP route is split per path group
 * (variants.ts), its conditions compiled (conditions.ts), its prefix paths
 * normalized and its regexes compiled anchored at the start, then all are
 * sorted by the comparator (rank.ts). `rank` 0 is tried first.
 */
import type { NormalizedRoute } from '../../config/types.js';
import { normalizePath } from '../../config/route-path.js';
import { compileConditions, type RouteConditions } from './conditions.js';
import { compareRank, rankKeyOf, type RankKey } from './rank.js';
import { splitRoute, isHttpRoute, type RouteVariant } from './variants.js';
import { sortInSteps } from './sort-steps.js';

export interface CompiledVariant extends RouteConditions {
  readonly variant: RouteVariant;
  readonly route: NormalizedRoute;
  readonly key: RankKey;
  readonly rank: number;
  /** normalized prefix paths of a prefix group */
  readonly prefixes: readonly string[] | null;
  /** `^`-anchored regexes of a regex group, in path order */
  readonly regexes: readonly RegExp[] | null;
}

/** Kong anchors a regex path at the start only: `^` + the path after `~`. */
export const compilePathRegex = (path: string): RegExp => new RegExp('^' + path.slice(1));

export interface CompiledRoutes {
  readonly variants: readonly CompiledVariant[];
  /** routes left out because a condition does not compile (Kong logs and skips them too) */
  readonly skipped: readonly { route: NormalizedRoute; reason: string }[];
}

export function compileVariants(routes: readonly NormalizedRoute[]): CompiledRoutes {
  return runSteps(compileVariantsSteps(routes));
}

/** Work between two yields of a compile generator: small enough to run between requests. */
export const STEP_ITEMS = 128;

/** Run a step generator to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** compileVariants in steps: yields every STEP_ITEMS routes, so that a worker can serve in between. */
export function* compileVariantsSteps(routes: readonly NormalizedRoute[]): Generator<void, CompiledRoutes> {
  const variants: CompiledVariant[] = [];
  const skipped: { route: NormalizedRoute; reason: string }[] = [];
  let n = 0;
  for (const route of routes) {
    if (++n % STEP_ITEMS === 0) yield;
    if (!isHttpRoute(route)) continue;
    try {
      const conditions = compileConditions(route);
      for (const variant of splitRoute(route)) variants.push(compileVariant(variant, conditions));
    } catch (err) {
      skipped.push({ route, reason: (err as Error).message });
    }
  }
  const sorted = yield* sortInSteps(variants, (a, b) => compareRank(a.key, b.key));
  // Fresh copies made in rank order (measured faster to search than setting `rank` in place).
  const ranked: CompiledVariant[] = new Array(sorted.length);
  for (let rank = 0; rank < sorted.length; rank++) {
    if (rank % STEP_ITEMS === 0) yield;
    ranked[rank] = { ...sorted[rank], rank };
  }
  return { variants: ranked, skipped };
}

/** `rank` is given once all matchers are sorted. */
function compileVariant(variant: RouteVariant, conditions: RouteConditions): CompiledVariant {
  const paths = variant.paths;
  return {
    ...conditions,
    rank: -1,
    variant,
    route: variant.route,
    key: rankKeyOf(variant),
    prefixes: paths && !variant.isRegex ? paths.map(normalizePath) : null,
    regexes: paths && variant.isRegex ? paths.map(compilePathRegex) : null,
  };
}
