/** The router: compile routes once, match requests, explain, print, lint conflicts. */
export { compileRouter, compileRouterSteps, DEFAULT_MATCH_CACHE_SIZE } from './compile-router.js';
export { runSteps } from './compiled-variant.js';
export { upstreamPath, type RouterFlavor } from './upstream-path.js';
export { findRouteConflicts, type RouteConflicts } from './conflicts.js';
export { compareRank, rankKeyOf, decidingRule, type RankKey } from './rank.js';
export type {
  MatchRequest, RouteMatch, RouteCaptures, Router, RouterOptions, RouteExplanation, LosingCandidate, RankRule,
} from './types.js';
