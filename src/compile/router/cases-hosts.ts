/** Conformance cases: hosts, wildcards, ports (router.cases.ts). */
import type { RouterCase, RouterScenario } from './router-case.js';

const at = (host: string, path: string, expect: string | null, port = 8000): RouterCase => ({ req: { host, path, port }, expect });

const KONG_SPEC_ID = (n: number) => `e8fb37f1-102d-461e-9c51-6608a6bb81${String(n).padStart(2, '0')}`;

export const HOST_SCENARIOS: RouterScenario[] = [
  {
    title: 'docs: a request must satisfy hosts, paths and methods together',
    routes: [{ name: 'r', hosts: ['example.com', 'foo-service.com'], paths: ['/foo', '/bar'], methods: ['GET'] }],
    cases: [
      { req: { host: 'example.com', path: '/foo' }, expect: 'r', prefix: '/foo' },
      { req: { host: 'foo-service.com', path: '/bar' }, expect: 'r', prefix: '/bar' },
      { req: { host: 'example.com', path: '/foo/hello/world' }, expect: 'r', prefix: '/foo' },
      at('example.com', '/', null),
      { req: { method: 'POST', host: 'example.com', path: '/foo' }, expect: null },
      at('foo.com', '/foo', null),
    ],
  },
  {
    title: 'docs: *.example.com matches any depth but not the bare domain',
    routes: [{ name: 'w', hosts: ['*.example.com', 'service.com'] }],
    cases: [
      at('a.example.com', '/', 'w'),
      at('x.y.example.com', '/', 'w'),
      at('example.com', '/', null),
      at('service.com', '/', 'w'),
      at('www.service.com', '/', null),
      at('an.example.com:8000', '/', 'w'),
      at('AN.Example.COM', '/', 'w'),
      at('example.com.evil.org', '/', null),
    ],
  },
  {
    title: 'docs: example.* matches any ending after the label',
    routes: [{ name: 'p', hosts: ['example.*'] }],
    cases: [
      at('example.com', '/', 'p'),
      at('example.org', '/', 'p'),
      at('example.co.uk', '/', 'p'),
      at('www.example.com', '/', null),
      at('example', '/', null),
      at('example.com:1234', '/', 'p'),
      at('EXAMPLE.net', '/', 'p'),
    ],
  },
  {
    title: 'Kong spec: host:port routes, port from the Host header else the listening port',
    routes: [
      { name: 'any-port', id: KONG_SPEC_ID(1), hosts: ['domain-1.org', 'domain-2.org'] },
      { name: 'port-321', id: KONG_SPEC_ID(13), hosts: ['domain-1.org:321', 'domain-2.org'] },
      { name: 'only-321', id: KONG_SPEC_ID(14), hosts: ['domain-3.org:321'] },
    ],
    cases: [
      at('domain-1.org', '/', 'any-port'),
      at('domain-1.org:80', '/', 'any-port'),
      at('domain-1.org:321', '/', 'port-321'),
      at('domain-1.org:123', '/', 'any-port'),
      at('domain-2.org', '/', 'port-321'),
      at('domain-3.org:321', '/', 'only-321'),
      at('domain-3.org:123', '/', null),
      at('domain-3.org', '/', 'only-321', 321),
      at('domain-3.org', '/', null, 8000),
      at('domain-3.org:321', '/', 'only-321', 8000),
    ],
  },
  {
    title: 'wildcard host with a port',
    routes: [{ name: 'wp', hosts: ['*.example.com:8443'] }],
    cases: [
      at('a.example.com:8443', '/', 'wp'),
      at('a.example.com', '/', 'wp', 8443),
      at('a.example.com:8000', '/', null, 8443),
      at('a.example.com', '/', null, 8000),
    ],
  },
  {
    title: 'docs: plain hosts beat wildcard hosts, before path length',
    routes: [
      { name: 'wild', hosts: ['*.example.com'], paths: ['/'] },
      { name: 'plain', hosts: ['api.example.com'], paths: ['/'] },
      { name: 'wild-long', hosts: ['*.example.com'], paths: ['/long/path'] },
    ],
    cases: [
      at('api.example.com', '/', 'plain'),
      at('www.example.com', '/', 'wild'),
      at('api.example.com', '/long/path/x', 'plain'),
      at('www.example.com', '/long/path', 'wild-long'),
      at('example.com', '/', null),
    ],
  },
  {
    title: 'a hosts list with one wildcard is not plain',
    routes: [
      { name: 'mixed', hosts: ['api.example.com', '*.example.org'], paths: ['/'] },
      { name: 'plain-only', hosts: ['api.example.com'], paths: ['/'] },
      { name: 'mixed-long', hosts: ['api.example.com', '*.example.org'], paths: ['/v1'] },
    ],
    cases: [at('api.example.com', '/v1', 'plain-only'), at('a.example.org', '/v1', 'mixed-long'), at('a.example.org', '/', 'mixed')],
  },
  {
    title: 'Kong quirk: hosts: [] sets no host condition but counts as plain hosts',
    routes: [
      { name: 'no-hosts', paths: ['/e'] },
      { name: 'empty-hosts', hosts: [], paths: ['/e'] },
    ],
    cases: [at('example.com', '/e', 'empty-hosts'), at('whatever.test', '/e/x', 'empty-hosts')],
  },
  {
    title: 'IP hosts and requests without a Host header',
    routes: [
      { name: 'ip', hosts: ['127.0.0.1'], paths: ['/ip'] },
      { name: 'any', paths: ['/'] },
    ],
    cases: [at('', '/ip', 'any'), at('127.0.0.1:8000', '/ip', 'ip'), at('127.0.0.1', '/ip', 'ip'), at('127.0.0.2', '/ip', 'any')],
  },
  {
    title: 'a host condition outweighs a longer path',
    routes: [
      { name: 'host-root', hosts: ['a.com'], paths: ['/'] },
      { name: 'deep', paths: ['/very/long/path'] },
    ],
    cases: [at('a.com', '/very/long/path', 'host-root'), at('b.com', '/very/long/path', 'deep'), at('b.com', '/', null)],
  },
];
