import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findRouteConflicts } from './conflicts.js';
import { makeRoute, type RouteSpec } from './route-fixture.js';

const ID_LOW = '00000000-0000-4000-8000-000000000001';
const ID_HIGH = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

function conflicts(specs: RouteSpec[]) {
  const { shadowed, ties } = findRouteConflicts(specs.map(makeRoute));
  return {
    shadowed: shadowed.map((s) => [s.route.name, s.by.name]),
    ties: ties.map((t) => [t.a.name, t.b.name]),
  };
}

describe('findRouteConflicts', () => {
  it('finds a regex shadowed by the same regex with a higher regex_priority', () => {
    const found = conflicts([
      { name: 'low', paths: ['~/users/\\d+'] },
      { name: 'high', paths: ['~/users/\\d+'], regex_priority: 5 },
    ]);
    assert.deepEqual(found, { shadowed: [['low', 'high']], ties: [] });
  });

  it('reports identical routes as a tie decided by id, not as shadowed', () => {
    const found = conflicts([
      { name: 'a', id: ID_LOW, paths: ['/same'] },
      { name: 'b', id: ID_HIGH, paths: ['/same'] },
    ]);
    assert.deepEqual(found, { shadowed: [], ties: [['b', 'a']] });
  });

  it('reports a tie when the id winner accepts a subset of the other route', () => {
    const found = conflicts([
      { name: 'get', id: ID_HIGH, paths: ['/m'], methods: ['GET'] },
      { name: 'get-post', id: ID_LOW, paths: ['/m'], methods: ['GET', 'POST'] },
    ]);
    assert.deepEqual(found, { shadowed: [], ties: [['get', 'get-post']] });
  });

  it('finds the hosts: [] quirk shadowing a longer prefix', () => {
    const found = conflicts([
      { name: 'deep', paths: ['/a/b'] },
      { name: 'empty-hosts', hosts: [], paths: ['/a'] },
    ]);
    assert.deepEqual(found.shadowed, [['deep', 'empty-hosts']]);
  });

  it('needs every path of a group covered', () => {
    const found = conflicts([
      { name: 'two-paths', paths: ['/a/x', '/b/x'] },
      { name: 'empty-hosts', hosts: [], paths: ['/a'] },
    ]);
    assert.deepEqual(found.shadowed, []);
  });

  it('needs every path group of a split route shadowed', () => {
    const partly = conflicts([
      { name: 'split', paths: ['/a/x', '/bb'] },
      { name: 'empty-hosts', hosts: [], paths: ['/a'] },
    ]);
    assert.deepEqual(partly.shadowed, []);
    const fully = conflicts([
      { name: 'split', paths: ['/a/x', '/a/yy'] },
      { name: 'empty-hosts', hosts: [], paths: ['/a'] },
    ]);
    assert.deepEqual(fully.shadowed, [['split', 'empty-hosts']]);
  });

  it('compares headers: subsets of values, and plain values a regex accepts', () => {
    assert.deepEqual(
      conflicts([
        { name: 'one', id: ID_LOW, headers: { x: ['1'] }, paths: ['/h'] },
        { name: 'both', id: ID_HIGH, headers: { x: ['1', '2'] }, paths: ['/h'] },
      ]).ties,
      [['both', 'one']],
    );
    assert.deepEqual(
      conflicts([
        { name: 'abc', id: ID_HIGH, headers: { x: ['abc'] }, paths: ['/h'] },
        { name: 'rx', id: ID_LOW, headers: { x: ['~*^a'] }, paths: ['/h'] },
      ]).ties,
      [['abc', 'rx']],
    );
    assert.deepEqual(
      conflicts([
        { name: 'x', headers: { x: ['1'] }, paths: ['/h'] },
        { name: 'y', headers: { y: ['1'] }, paths: ['/h'] },
      ]),
      { shadowed: [], ties: [] },
    );
  });

  it('compares hosts: wildcards, ports', () => {
    assert.deepEqual(
      conflicts([
        { name: 'narrow', id: ID_HIGH, hosts: ['*.x.a.com'], paths: ['/w'] },
        { name: 'wide', id: ID_LOW, hosts: ['*.a.com'], paths: ['/w'] },
      ]).ties,
      [['narrow', 'wide']],
    );
    assert.deepEqual(
      conflicts([
        { name: 'any-port', id: ID_HIGH, hosts: ['a.com'], paths: ['/p'] },
        { name: 'port', id: ID_LOW, hosts: ['a.com:8000'], paths: ['/p'] },
      ]).ties,
      [['any-port', 'port']],
    );
    assert.deepEqual(
      conflicts([
        { name: 'port', hosts: ['a.com:8000'], paths: ['/p'] },
        { name: 'other-port', hosts: ['a.com:9000'], paths: ['/p'] },
        { name: 'plain', hosts: ['x.a.com'], paths: ['/w'] },
        { name: 'wild', hosts: ['*.a.com'], paths: ['/w'] },
      ]),
      { shadowed: [], ties: [] },
    );
  });

  it('reports nothing for routes that only overlap in part', () => {
    const found = conflicts([
      { name: 'root', paths: ['/'] },
      { name: 'api', paths: ['/api'] },
      { name: 'api-get', paths: ['/api'], methods: ['GET'] },
      { name: 'rx', paths: ['~/api/\\d+'] },
      { name: 'host', hosts: ['a.com'] },
      { name: 'stream', protocols: ['tls'], snis: ['a.com'] },
    ]);
    assert.deepEqual(found, { shadowed: [], ties: [] });
  });

  it('a regex is covered by a tie-ranked identical regex only', () => {
    const found = conflicts([
      { name: 'a', id: ID_LOW, paths: ['~/x/\\d+', '~/y'] },
      { name: 'b', id: ID_HIGH, paths: ['~/y', '~/x/\\d+'] },
    ]);
    assert.deepEqual(found, { shadowed: [], ties: [['b', 'a']] });
  });
});
