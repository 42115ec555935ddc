/** Shapes of the router conformance table (router.cases.ts). */
import type { RouteSpec, RequestSpec } from './route-fixture.js';
import type { RouteCaptures } from './types.js';

export interface RouterCase {
  req: RequestSpec;
  /** name of the route that must match, or null for no match */
  expect: string | null;
  /** expected matchedPrefix, checked when present */
  prefix?: string | null;
  /** expected captures, checked when present */
  captures?: RouteCaptures | null;
  /** expected normalized path, checked when present */
  normalizedPath?: string;
}

export interface RouterScenario {
  title: string;
  routes: RouteSpec[];
  cases: RouterCase[];
}

/** Shorthand for a GET request that only sets a path. */
export const get = (path: string, expect: string | null, more: Omit<RouterCase, 'req' | 'expect'> = {}): RouterCase => ({
  req: { path },
  expect,
  ...more,
});
