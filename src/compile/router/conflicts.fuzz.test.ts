/**
 * findRouteConflicts on random configurations: the indexed candidate search
 * must find what a comparison of every pair finds, and a route reported as
 * shadowed must never answer a request.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedRoute } from '../../config/types.js';
import { compileRouter } from './compile-router.js';
import { compileVariants } from './compiled-variant.js';
import { findRouteConflicts } from './conflicts.js';
import { covers } from './covers.js';
import { prng, randomRequest, randomRoute } from './random-routes.js';
import { makeRequest, makeRoute } from './route-fixture.js';
import { tiesExceptId } from './rank.js';

/** Every pair, no index: the routes all of whose path groups some higher-ranked route covers. */
function shadowedByPairs(routes: NormalizedRoute[]): Set<string> {
  const { variants } = compileVariants(routes);
  const shadowedGroups = new Map<NormalizedRoute, boolean[]>();
  for (const v of variants) {
    const hit = variants.some((w) => w.rank < v.rank && !tiesExceptId(w.key, v.key) && covers(w, v));
    shadowedGroups.set(v.route, [...(shadowedGroups.get(v.route) ?? []), hit]);
  }
  return new Set([...shadowedGroups].filter(([, hits]) => hits.every(Boolean)).map(([r]) => r.id));
}

describe('findRouteConflicts on random configurations', () => {
  for (let seed = 100; seed < 130; seed++) {
    it(`seed ${seed}`, () => {
      const rnd = prng(seed);
      const routes = Array.from({ length: 5 + Math.floor(rnd() * 60) }, (_, i) => makeRoute(randomRoute(rnd, i)));
      const { shadowed } = findRouteConflicts(routes);
      const found = new Set(shadowed.map((s) => s.route.id));
      assert.deepEqual([...found].sort(), [...shadowedByPairs(routes)].sort());
      const router = compileRouter(routes, { cacheSize: 0 });
      for (let n = 0; n < 300; n++) {
        const winner = router.match(makeRequest(randomRequest(rnd)));
        assert.ok(!winner || !found.has(winner.route.id), `shadowed route ${winner?.route.name} answered`);
      }
    });
  }
});
