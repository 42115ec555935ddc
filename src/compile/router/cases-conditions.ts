/** Conformance cases: headers, methods, snis, protocols (router.cases.ts). */
import type { RouterCase, RouterScenario } from './router-case.js';

const withHeaders = (headers: Record<string, string | string[]>, expect: string | null): RouterCase => ({ req: { headers }, expect });
const https = (sni: string | undefined, path: string, expect: string | null): RouterCase => ({ req: { scheme: 'https', sni, path }, expect });

export const CONDITION_SCENARIOS: RouterScenario[] = [
  {
    title: 'docs: any configured header value matches, case-insensitively',
    routes: [{ name: 'v', headers: { version: ['v1', 'v2'] } }],
    cases: [
      withHeaders({ version: 'v1' }, 'v'),
      withHeaders({ version: 'v2' }, 'v'),
      withHeaders({ version: 'v3' }, null),
      withHeaders({}, null),
      withHeaders({ version: 'V1' }, 'v'),
      withHeaders({ version: ['v3', 'v2'] }, 'v'),
    ],
  },
  {
    title: 'Kong spec: a ~* header value is a regex that may match anywhere',
    routes: [{ name: 'agent', headers: { user_agent: ['~*windows|linux|os\\s+x\\s*[\\d\\._]+|solaris|bsd'] } }],
    cases: [
      withHeaders({ 'user-agent': 'Mozilla/5.0 (Windows NT 10.0)' }, 'agent'),
      withHeaders({ 'user-agent': 'Mozilla (Macintosh; Intel Mac OS X 10_15_7)' }, 'agent'),
      withHeaders({ 'user-agent': 'curl/8.0' }, null),
    ],
  },
  {
    title: 'Kong quirk: header regexes are lower-cased too (\\D becomes \\d)',
    routes: [
      { name: 'ver', headers: { x_version: ['~*^v\\d+$'] } },
      { name: 'quirk', headers: { x_code: ['~*^\\D+$'] } },
    ],
    cases: [
      withHeaders({ 'x-version': 'V12' }, 'ver'),
      withHeaders({ 'x-version': 'v' }, null),
      withHeaders({ 'x-version': 'beta-v1' }, null),
      withHeaders({ 'x-code': '123' }, 'quirk'),
      withHeaders({ 'x-code': 'abc' }, null),
    ],
  },
  {
    title: 'docs: header names are ANDed, their values ORed',
    routes: [{ name: 'both', headers: { a: ['1'], b: ['2', '3'] } }],
    cases: [
      withHeaders({ a: '1', b: '3' }, 'both'),
      withHeaders({ a: '1' }, null),
      withHeaders({ b: '2' }, null),
      withHeaders({ a: '2', b: '2' }, null),
    ],
  },
  {
    title: 'docs: methods',
    routes: [{ name: 'm', methods: ['GET', 'HEAD'] }],
    cases: [
      { req: { method: 'GET' }, expect: 'm' },
      { req: { method: 'HEAD' }, expect: 'm' },
      { req: { method: 'POST' }, expect: null },
      { req: { method: 'get' }, expect: null },
    ],
  },
  {
    title: 'snis: checked on https only, exact (wildcards are literal), trailing dot ignored',
    routes: [
      { name: 's', protocols: ['https'], snis: ['api.example.com'], paths: ['/s'] },
      { name: 'dot', protocols: ['https'], snis: ['dot.example.com.'], paths: ['/d'] },
      { name: 'wild', protocols: ['https'], snis: ['*.example.com'], paths: ['/w'] },
    ],
    cases: [
      https('api.example.com', '/s', 's'),
      https('other.example.com', '/s', null),
      https(undefined, '/s', null),
      { req: { scheme: 'http', path: '/s' }, expect: 's' },
      https('dot.example.com', '/d', 'dot'),
      https('a.example.com', '/w', null),
      { req: { scheme: 'http', path: '/w' }, expect: 'wild' },
      https('API.example.com', '/s', 's'),
    ],
  },
  {
    title: 'protocols: stream routes are not HTTP routes; the scheme is not a match criterion',
    routes: [
      { name: 'stream', protocols: ['tls'], snis: ['a.example.com'] },
      { name: 'grpc', protocols: ['grpc'], paths: ['/grpc.Service'], strip_path: false },
      { name: 'https-only', protocols: ['https'], paths: ['/secure'] },
      { name: 'http-only', protocols: ['http'], paths: ['/plain'] },
    ],
    cases: [
      https('a.example.com', '/', null),
      { req: { path: '/grpc.Service/Method' }, expect: 'grpc' },
      { req: { scheme: 'http', path: '/secure' }, expect: 'https-only' },
      https('x.example.com', '/plain', 'http-only'),
    ],
  },
  {
    title: 'header names: case and underscores (nginx drops underscored request headers)',
    routes: [{ name: 't', headers: { X_Tenant: ['Acme'] } }],
    cases: [withHeaders({ 'x-tenant': 'acme' }, 't'), withHeaders({ 'x-tenant': 'ACME' }, 't'), withHeaders({ x_tenant: 'acme' }, null)],
  },
];
