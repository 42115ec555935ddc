import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileRouter } from './compile-router.js';
import { referenceMatch } from './reference.js';
import { makeRequest, makeRoute, type RequestSpec } from './route-fixture.js';
import { ROUTER_SCENARIOS, type RouterCase } from './router.cases.js';
import type { RouteMatch } from './types.js';

function requestLabel(r: RequestSpec): string {
  const parts = [r.method ?? 'GET', `${r.scheme ?? 'http'}://${r.host ?? 'example.com'}${r.path ?? '/'}`];
  if (r.port !== undefined) parts.push(`port ${r.port}`);
  if (r.sni !== undefined) parts.push(`sni ${r.sni}`);
  if (r.headers && Object.keys(r.headers).length) parts.push(JSON.stringify(r.headers));
  return parts.join(' ');
}

function checkMatch(label: string, m: RouteMatch | null, c: RouterCase): void {
  assert.equal(m?.route.name ?? null, c.expect, `${label}: route`);
  if (m === null) return;
  if (c.prefix !== undefined) assert.equal(m.matchedPrefix, c.prefix, `${label}: matchedPrefix`);
  if (c.captures !== undefined) assert.deepEqual(m.captures, c.captures, `${label}: captures`);
  if (c.normalizedPath !== undefined) assert.equal(m.normalizedPath, c.normalizedPath, `${label}: normalizedPath`);
}

describe('router conformance table', () => {
  it('has at least 150 cases', () => {
    const total = ROUTER_SCENARIOS.reduce((n, s) => n + s.cases.length, 0);
    assert.ok(total >= 150, `only ${total} cases`);
  });

  for (const scenario of ROUTER_SCENARIOS) {
    describe(scenario.title, () => {
      const routes = scenario.routes.map(makeRoute);
      const cached = compileRouter(routes);
      const uncached = compileRouter(routes, { cacheSize: 0 });
      for (const c of scenario.cases) {
        it(`${requestLabel(c.req)} → ${c.expect ?? 'no route'}`, () => {
          const req = makeRequest(c.req);
          checkMatch('compiled', cached.match(req), c);
          checkMatch('compiled, from the cache', cached.match(req), c);
          checkMatch('compiled without cache', uncached.match(req), c);
          checkMatch('reference', referenceMatch(routes, req), c);
          if (c.normalizedPath !== undefined) assert.equal(uncached.explain(req).normalizedPath, c.normalizedPath);
        });
      }
    });
  }
});

describe('match cache', () => {
  it('does not cache answers that depended on headers', () => {
    const router = compileRouter([makeRoute({ name: 'h', headers: { x: ['1'] } }), makeRoute({ name: 'p', paths: ['/'] })]);
    assert.equal(router.match(makeRequest({ headers: { x: '1' } }))?.route.name, 'h');
    assert.equal(router.match(makeRequest({ headers: { x: '2' } }))?.route.name, 'p');
    assert.equal(router.match(makeRequest({ headers: { x: '1' } }))?.route.name, 'h');
  });

  it('returns the same answer object from the cache', () => {
    const router = compileRouter([makeRoute({ name: 'p', paths: ['/'] })]);
    const first = router.match(makeRequest({ path: '/a' }));
    assert.equal(router.match(makeRequest({ path: '/a' })), first);
    assert.notEqual(router.match(makeRequest({ path: '/b' })), first);
  });

  it('stays bounded', () => {
    const router = compileRouter([makeRoute({ name: 'p', paths: ['/'] })], { cacheSize: 2 });
    for (const path of ['/a', '/b', '/c', '/a']) assert.equal(router.match(makeRequest({ path }))?.route.name, 'p');
  });
});

describe('compileRouter', () => {
  it('leaves out a route whose header regex does not compile, like Kong', () => {
    const router = compileRouter([makeRoute({ name: 'bad', headers: { x: ['~*('] } }), makeRoute({ name: 'ok', paths: ['/'] })]);
    assert.deepEqual(router.routes.map((r) => r.name), ['ok']);
    assert.equal(router.match(makeRequest({ headers: { x: '(' } }))?.route.name, 'ok');
  });

  it('serves only HTTP routes, in the order given', () => {
    const routes = [
      makeRoute({ name: 'b', paths: ['/b'] }),
      makeRoute({ name: 'tcp', protocols: ['tcp'], destinations: [{ ip: '10.0.0.1', port: null }] }),
      makeRoute({ name: 'a', paths: ['/a/long'] }),
    ];
    assert.deepEqual(compileRouter(routes).routes.map((r) => r.name), ['b', 'a']);
  });

  it('returns null when there are no routes', () => {
    assert.equal(compileRouter([]).match(makeRequest()), null);
  });
});

describe('explain', () => {
  const routes = [
    makeRoute({ name: 'root', paths: ['/'] }),
    makeRoute({ name: 'api', paths: ['/api'] }),
    makeRoute({ name: 'api-get', paths: ['/api'], methods: ['GET'] }),
    makeRoute({ name: 'api-rx', paths: ['~/api/\\d+'] }),
    makeRoute({ name: 'other', paths: ['/other'] }),
  ];
  const router = compileRouter(routes);

  it('lists the routes that lost, best first, with the deciding rule', () => {
    const e = router.explain(makeRequest({ path: '/api/12' }));
    assert.equal(e.match?.route.name, 'api-get');
    assert.deepEqual(
      e.losers.map((l) => [l.route.name, l.lostOn]),
      [
        ['api-rx', 'match-weight'],
        ['api', 'match-weight'],
        ['root', 'match-weight'],
      ],
    );
    assert.equal(e.losers[0].reason, 'match-weight: 2 condition kinds beat 1');
  });

  it('names regex-path and prefix-length when weights are equal', () => {
    const e = router.explain(makeRequest({ method: 'POST', path: '/api/12' }));
    assert.equal(e.match?.route.name, 'api-rx');
    assert.deepEqual(
      e.losers.map((l) => [l.route.name, l.lostOn, l.matchedPrefix]),
      [
        ['api', 'regex-path', '/api'],
        ['root', 'regex-path', '/'],
      ],
    );
  });

  it('explains a request no route matches', () => {
    const e = compileRouter([routes[4]]).explain(makeRequest({ path: '/x/./y' }));
    assert.deepEqual(e, { normalizedPath: '/x/y', match: null, losers: [] });
  });
});

describe('print', () => {
  it('prints the route table in match order', () => {
    const router = compileRouter([
      makeRoute({ name: 'root', paths: ['/'] }),
      makeRoute({ name: 'users', hosts: ['api.example.com'], paths: ['/users', '~/users/(?<id>\\d+)$'], methods: ['GET'] }),
      makeRoute({ name: 'beta', headers: { 'x-beta': ['1', 'yes'] }, paths: ['/'], snis: ['api.example.com'], protocols: ['https'] }),
    ]);
    assert.equal(
      router.print().replace(/\(split [0-9a-f-]+\)/g, '(split …)'),
      [
        '1. users (split …)  [weight 3, plain hosts, 0 headers, regex, regex_priority 0]  paths ~/users/(?<id>\\d+)$  hosts api.example.com  methods GET',
        '2. users (split …)  [weight 3, plain hosts, 0 headers, prefix length 6]  paths /users  hosts api.example.com  methods GET',
        '3. beta  [weight 3, 1 headers, prefix length 1]  paths /  headers x-beta=1|yes  snis api.example.com  protocols https',
        '4. root  [weight 1, 0 headers, prefix length 1]  paths /',
        '',
      ].join('\n'),
    );
  });

  it('says when there is nothing to print', () => {
    assert.equal(compileRouter([]).print(), '(no HTTP routes)\n');
  });
});
