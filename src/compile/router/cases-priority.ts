/** Conformance cases: the precedence rules of rank.ts, one after the other (router.cases.ts). */
import { get, type RouterScenario } from './router-case.js';

export const PRIORITY_SCENARIOS: RouterScenario[] = [
  {
    title: 'docs: the route with more condition kinds is tried first',
    routes: [
      { name: 'host', hosts: ['example.com'] },
      { name: 'host-method', hosts: ['example.com'], methods: ['POST'] },
      { name: 'host-method-path', hosts: ['example.com'], methods: ['POST'], paths: ['/'] },
    ],
    cases: [
      { req: { method: 'GET', path: '/' }, expect: 'host' },
      { req: { method: 'POST', path: '/' }, expect: 'host-method-path' },
      { req: { method: 'POST', path: '/x' }, expect: 'host-method-path' },
      { req: { method: 'PUT', path: '/' }, expect: 'host' },
    ],
  },
  {
    title: 'condition count beats path length',
    routes: [
      { name: 'method-root', methods: ['GET'], paths: ['/'] },
      { name: 'long-path', paths: ['/a/very/long/path'] },
    ],
    cases: [
      { req: { method: 'GET', path: '/a/very/long/path' }, expect: 'method-root' },
      { req: { method: 'POST', path: '/a/very/long/path' }, expect: 'long-path' },
    ],
  },
  {
    title: 'docs: more headers win among equal weights, before path length',
    routes: [
      { name: 'one', headers: { a: ['1'] }, paths: ['/'] },
      { name: 'two', headers: { a: ['1'], b: ['2'] }, paths: ['/'] },
      { name: 'path-long', methods: ['GET'], paths: ['/long'] },
    ],
    cases: [
      { req: { path: '/', headers: { a: '1', b: '2' } }, expect: 'two' },
      { req: { path: '/', headers: { a: '1' } }, expect: 'one' },
      { req: { path: '/long', headers: { a: '1' } }, expect: 'one' },
      { req: { path: '/long' }, expect: 'path-long' },
      { req: { path: '/', headers: { b: '2' } }, expect: null },
    ],
  },
  {
    title: 'docs: a regex path beats any prefix path, whatever its regex_priority',
    routes: [
      { name: 'rx0', paths: ['~/api/v\\d+/'] },
      { name: 'rx-neg', paths: ['~/api/'], regex_priority: -5 },
      { name: 'long-prefix', paths: ['/api/v1/users/list'] },
      { name: 'api-x', paths: ['/api/x'] },
    ],
    cases: [
      get('/api/v1/users/list', 'rx0'),
      get('/api/x', 'rx-neg'),
      get('/api/v2/', 'rx0'),
      get('/apix', null),
    ],
  },
  {
    title: 'regex_priority plays no part for prefix paths',
    routes: [
      { name: 'p10', paths: ['/p'], regex_priority: 10 },
      { name: 'p-long', paths: ['/p/longer'] },
    ],
    cases: [get('/p/longer/x', 'p-long'), get('/p/other', 'p10')],
  },
  {
    title: 'regex_priority orders regexes, not their length',
    routes: [
      { name: 'a', paths: ['~/a'], regex_priority: 1 },
      { name: 'ab', paths: ['~/a/b'] },
    ],
    cases: [get('/a/b', 'a'), get('/a', 'a')],
  },
  {
    title: 'Kong spec: equal rank is decided by the larger id',
    routes: [
      { name: 'low', id: 'e8fb37f1-102d-461e-9c51-6608a6bb8101', paths: ['/same'] },
      { name: 'high', id: 'e8fb37f1-102d-461e-9c51-6608a6bb8102', paths: ['/same'] },
    ],
    cases: [get('/same', 'high'), get('/same/x', 'high')],
  },
  {
    title: 'docs: created_at is not a tie-break in traditional_compatible',
    routes: [
      { name: 'early', id: '00000000-0000-4000-8000-000000000001', created_at: 1, paths: ['/c'] },
      { name: 'late', id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', created_at: 999, paths: ['/c'] },
    ],
    cases: [get('/c', 'late')],
  },
  {
    title: 'a split path group ties with its derived id (uuid v5 of "<id>#1" = 0ae951e9-…)',
    routes: [
      { name: 'multi', id: 'aaaaaaaa-0000-4000-8000-000000000001', paths: ['/t', '/t/long'] },
      { name: 'low', id: '00000000-0000-4000-8000-000000000000', paths: ['/t'] },
    ],
    cases: [get('/t/x', 'multi', { prefix: '/t' }), get('/t/long', 'multi', { prefix: '/t/long' })],
  },
  {
    title: 'the derived id can lose where the route id would have won',
    routes: [
      { name: 'multi', id: 'aaaaaaaa-0000-4000-8000-000000000001', paths: ['/t', '/t/long'] },
      { name: 'mid', id: '10000000-0000-4000-8000-000000000000', paths: ['/t'] },
    ],
    cases: [get('/t/x', 'mid'), get('/t/long/x', 'multi')],
  },
  {
    title: 'snis count as a condition kind, and are ignored on plain http',
    routes: [
      { name: 'sni-route', protocols: ['https'], snis: ['a.example.com'], paths: ['/'] },
      { name: 'plain', paths: ['/'] },
    ],
    cases: [
      { req: { scheme: 'https', sni: 'a.example.com', path: '/' }, expect: 'sni-route' },
      { req: { scheme: 'https', sni: 'b.example.com', path: '/' }, expect: 'plain' },
      { req: { scheme: 'http', path: '/' }, expect: 'sni-route' },
      { req: { scheme: 'https', path: '/' }, expect: 'plain' },
    ],
  },
];
