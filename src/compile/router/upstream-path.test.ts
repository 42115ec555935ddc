import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileRouter } from './compile-router.js';
import { makeRequest, makeRoute, type RouteSpec } from './route-fixture.js';
import { sanitizePostfix, upstreamPath, type RouterFlavor } from './upstream-path.js';

/** kong-format.md §4.3 joining table: service.path, route path, strip_path, request, v0, v1. */
const JOINING_TABLE: [string, string, boolean[], string, string, string][] = [
  ['/', '/', [true, false], '/fv0/x', '/fv0/x', '/fv0/x'],
  ['/', '/fv0', [true], '/fv0', '/', '/'],
  ['/', '/fv0', [true], '/fv0/', '/', '/'],
  ['/', '/fv0', [true], '/fv0/x', '/x', '/x'],
  ['/', '/fv0', [true], '/fv0x', '/x', '/x'],
  ['/', '/fv0', [false], '/fv0/x', '/fv0/x', '/fv0/x'],
  ['/', '/fv0/', [true], '/fv0/x', '/x', '/x'],
  ['/s', '/', [true], '/', '/s', '/s'],
  ['/s', '/', [true, false], '/fv0', '/s/fv0', '/sfv0'],
  ['/s', '/', [true, false], '/fv0/', '/s/fv0/', '/sfv0/'],
  ['/s', '/fv0', [true], '/fv0', '/s', '/s'],
  ['/s', '/fv0', [true], '/fv0/', '/s/', '/s/'],
  ['/s', '/fv0', [true], '/fv0/x', '/s/x', '/s/x'],
  ['/s', '/fv0', [true], '/fv0x', '/s/x', '/sx'],
  ['/s', '/fv0', [false], '/fv0', '/s/fv0', '/sfv0'],
  ['/s', '/fv0', [false], '/fv0/', '/s/fv0/', '/sfv0/'],
  ['/s', '/fv0', [false], '/fv0x', '/s/fv0x', '/sfv0x'],
  ['/s', '/fv0/', [true], '/fv0/', '/s/', '/s'],
  ['/s', '/fv0/', [true], '/fv0/x', '/s/x', '/sx'],
  ['/s', '/fv0/', [false], '/fv0/x', '/s/fv0/x', '/sfv0/x'],
  ['/s/', '/', [true, false], '/', '/s/', '/s/'],
  ['/s/', '/', [true, false], '/fv0', '/s/fv0', '/s/fv0'],
  ['/s/', '/fv0', [true], '/fv0', '/s', '/s/'],
  ['/s/', '/fv0', [true], '/fv0/', '/s/', '/s/'],
  ['/s/', '/fv0', [true], '/fv0/x', '/s/x', '/s/x'],
  ['/s/', '/fv0', [true], '/fv0x', '/s/x', '/s/x'],
  ['/s/', '/fv0', [false], '/fv0', '/s/fv0', '/s/fv0'],
  ['/s/', '/fv0/', [true], '/fv0/', '/s/', '/s/'],
  ['/s/', '/fv0/', [false], '/fv0/x', '/s/fv0/x', '/s/fv0/x'],
];

function upstreamFor(servicePath: string | null, spec: Omit<RouteSpec, 'name'>, path: string, query = '', flavor?: RouterFlavor): string {
  const route = makeRoute({ name: 'r', ...spec });
  const match = compileRouter([route]).match(makeRequest({ path }));
  assert.ok(match, `route ${JSON.stringify(spec)} must match ${path}`);
  return upstreamPath(servicePath, route, match, query, flavor);
}

describe('upstreamPath: the §4.3 joining table', () => {
  for (const [service, routePath, strips, request, v0, v1] of JOINING_TABLE) {
    for (const strip of strips) {
      const label = `service ${service}, route ${routePath}, strip_path ${strip}, request ${request}`;
      it(`${label} → v0 ${v0}`, () => {
        assert.equal(upstreamFor(service, { paths: [routePath], strip_path: strip }, request), v0);
      });
      it(`${label} → v1 ${v1} (traditional flavor)`, () => {
        const spec = { paths: [routePath], strip_path: strip, path_handling: 'v1' as const };
        assert.equal(upstreamFor(service, spec, request, '', 'traditional'), v1);
      });
    }
  }
});

describe('upstreamPath', () => {
  it('joins like v0 for path_handling v1 under traditional_compatible (Kong 3.x default)', () => {
    assert.equal(upstreamFor('/s', { paths: ['/fv0'], strip_path: true, path_handling: 'v1' }, '/fv0x'), '/s/x');
    assert.equal(upstreamFor('/s', { paths: ['/'], strip_path: false, path_handling: 'v1' }, '/fv0'), '/s/fv0');
  });

  it('treats a null service path as /', () => {
    assert.equal(upstreamFor(null, { paths: ['/fv0'] }, '/fv0/x'), '/x');
  });

  it('strips the part a regex path matched', () => {
    assert.equal(upstreamFor('/s', { paths: ['~/api/v\\d+'] }, '/api/v2/users'), '/s/users');
    assert.equal(upstreamFor('/s', { paths: ['~/api/v\\d+'], strip_path: false }, '/api/v2/users'), '/s/api/v2/users');
  });

  it('keeps the whole path for a route without paths, strip_path or not', () => {
    assert.equal(upstreamFor('/s', { hosts: ['example.com'] }, '/x/y'), '/s/x/y');
    assert.equal(upstreamFor('/s/', { hosts: ['example.com'] }, '/'), '/s/');
    assert.equal(upstreamFor('/s', { hosts: ['example.com'], strip_path: false }, '/'), '/s');
  });

  it('appends the raw query unchanged, an empty ? included', () => {
    assert.equal(upstreamFor('/s', { paths: ['/fv0'] }, '/fv0/x', '?a=1&b=%20&c'), '/s/x?a=1&b=%20&c');
    assert.equal(upstreamFor('/s', { paths: ['/fv0'] }, '/fv0/x', '?'), '/s/x?');
    assert.equal(upstreamFor('/s', { paths: ['/fv0'] }, '/fv0/x', ''), '/s/x');
  });

  it('sends the normalized path, re-escaped', () => {
    assert.equal(upstreamFor('/', { paths: ['/'] }, '/caf%C3%A9/a%20b/%7euser/./x/../y'), '/caf%C3%A9/a%20b/~user/y');
    assert.equal(upstreamFor('/', { paths: ['/'] }, '/a%2fb%3F'), '/a%2Fb%3F');
    assert.equal(upstreamFor('/', { paths: ['/'] }, '/a//b'), '/a/b');
  });

  it('drops a leading ./ or ../ and a bare . or .. left after the prefix', () => {
    assert.equal(upstreamFor('/s', { paths: ['/fv0'] }, '/fv0.'), '/s');
    assert.equal(upstreamFor('/s', { paths: ['/fv0'] }, '/fv0./x'), '/s/x');
    assert.equal(upstreamFor('/s', { paths: ['/fv0'] }, '/fv0../y'), '/s/y');
    assert.deepEqual(['', '.', '..', './a', '../a', '.a', '/./a'].map(sanitizePostfix), ['', '', '', 'a', 'a', '.a', '/./a']);
  });
});
