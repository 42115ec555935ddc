/**
 * compileRouter: routes → an immutable Router, built once. `match` is the hot
 * path: cache lookup, path normalization, then one indexed search
 * (search.ts); never a scan of every route.
 */
import type { NormalizedRoute } from '../../config/types.js';
import { normalizePath } from '../../config/route-path.js';
import { compileVariantsSteps, runSteps, type CompiledVariant } from './compiled-variant.js';
import { explainRequest } from './explain.js';
import { buildHostIndexSteps, type HostIndex } from './host-index.js';
import { cacheKeyOf, MatchCache, NO_MATCH } from './match-cache.js';
import { printRouteTable } from './print.js';
import { conflictsIn } from './conflicts.js';
import { fillSearchState, newSearchState, search, type SearchState } from './search.js';
import type { MatchRequest, RouteCaptures, RouteMatch, Router, RouterOptions } from './types.js';

/** Kong's match cache holds 5,000 answers (kong/router/utils.lua). */
export const DEFAULT_MATCH_CACHE_SIZE = 5000;

export function compileRouter(routes: readonly NormalizedRoute[], opts: RouterOptions = {}): Router {
  return runSteps(compileRouterSteps(routes, opts));
}

/** compileRouter in small steps (a generator that yields between them), for compiling while serving. */
export function* compileRouterSteps(routes: readonly NormalizedRoute[], opts: RouterOptions = {}): Generator<void, Router> {
  const { variants } = yield* compileVariantsSteps(routes);
  const index = yield* buildHostIndexSteps(variants);
  const cache = new MatchCache<RouteMatch>(opts.cacheSize ?? DEFAULT_MATCH_CACHE_SIZE);
  const state = newSearchState();
  const match = (req: MatchRequest): RouteMatch | null => matchRequest(index, state, cache, req);
  const served = Object.freeze(servedRoutes(routes, variants));
  return Object.freeze({
    match,
    explain: (req: MatchRequest) => explainRequest(variants, match(req), req),
    print: () => printRouteTable(variants),
    conflicts: () => conflictsIn(variants, index),
    routes: served,
  });
}

function matchRequest(index: HostIndex, s: SearchState, cache: MatchCache<RouteMatch>, req: MatchRequest): RouteMatch | null {
  const cached = cache.use();
  const key = cached ? cacheKeyOf(req.method, req.host, req.port, req.scheme, req.sni, req.path) : '';
  if (cached) {
    const hit = cache.get(key);
    if (hit !== undefined) return hit === NO_MATCH ? null : hit;
  }
  const normalizedPath = normalizePath(req.path);
  fillSearchState(s, req, normalizedPath);
  search(index, s);
  const result = s.best === null ? null : buildMatch(s.best.variant.route, normalizedPath, s.bestPrefix, s.bestExec);
  if (cached && !s.headersConsulted) cache.set(key, result ?? NO_MATCH);
  s.headers = EMPTY_HEADERS;
  return result;
}

const EMPTY_HEADERS: ReadonlyMap<string, string | string[]> = new Map();

/** Answers are shared through the cache: RouteMatch is read-only by type. */
export function buildMatch(route: NormalizedRoute, normalizedPath: string, matchedPrefix: string | null, exec: RegExpExecArray | null): RouteMatch {
  return { route, normalizedPath, matchedPrefix, captures: capturesOf(exec) };
}

/** Kong exposes captures only when the regex has groups; unnamed lists every group (named ones too). */
export function capturesOf(exec: RegExpExecArray | null): RouteCaptures | null {
  if (exec === null || exec.length < 2) return null;
  const unnamed: string[] = new Array(exec.length - 1);
  for (let i = 1; i < exec.length; i++) unnamed[i - 1] = exec[i] ?? '';
  const named: Record<string, string> = {};
  const groups = exec.groups;
  if (groups !== undefined) {
    for (const name in groups) {
      const value = groups[name];
      if (value === undefined) continue;
      if (name === '__proto__') Object.defineProperty(named, name, { value, enumerable: true, writable: true, configurable: true });
      else named[name] = value;
    }
  }
  return { named, unnamed };
}

/** The routes the router serves, in the order given. */
function servedRoutes(routes: readonly NormalizedRoute[], variants: readonly CompiledVariant[]): NormalizedRoute[] {
  const served = new Set(variants.map((v) => v.route));
  return routes.filter((r) => served.has(r));
}
