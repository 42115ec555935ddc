/**
 * Differential test: random route sets and requests from a small shared
 * vocabulary (so that routes overlap and tie a lot), answered by the compiled
 * router (with and without cache) and by the naive reference matcher. Seeded,
 * so a failure reproduces.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileRouter } from './compile-router.js';
import { referenceMatch } from './reference.js';
import { makeRequest, makeRoute } from './route-fixture.js';
import { prng, randomRequest, randomRoute } from './random-routes.js';
import type { RouteMatch } from './types.js';

const summary = (m: RouteMatch | null) => (m ? { id: m.route.id, prefix: m.matchedPrefix, captures: m.captures, path: m.normalizedPath } : null);

describe('compiled router agrees with the reference matcher on random configurations', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const rnd = prng(seed);
      const routes = Array.from({ length: 5 + Math.floor(rnd() * 40) }, (_, i) => makeRoute(randomRoute(rnd, i)));
      const cached = compileRouter(routes, { cacheSize: 16 });
      const uncached = compileRouter(routes, { cacheSize: 0 });
      for (let n = 0; n < 300; n++) {
        const req = makeRequest(randomRequest(rnd));
        const expected = summary(referenceMatch(routes, req));
        assert.deepEqual(summary(uncached.match(req)), expected, `request ${JSON.stringify({ ...req, headers: [...req.headers] })}`);
        assert.deepEqual(summary(cached.match(req)), expected);
        const explained = uncached.explain(req);
        assert.equal(explained.match?.route.id, expected?.id);
      }
    });
  }
});
