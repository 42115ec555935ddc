/** Conformance cases: prefix and regex paths, captures, normalization (router.cases.ts). */
import { get, type RouterScenario } from './router-case.js';

export const PATH_SCENARIOS: RouterScenario[] = [
  {
    title: 'docs: a prefix path is a plain string prefix of the normalized path',
    routes: [{ name: 'svc', paths: ['/service', '/hello/world'] }],
    cases: [
      get('/service', 'svc', { prefix: '/service', captures: null }),
      get('/service/resource', 'svc', { prefix: '/service' }),
      get('/hello/world/resource', 'svc', { prefix: '/hello/world' }),
      get('/hello', null),
      get('/', null),
      get('/servicefoo', 'svc', { prefix: '/service' }),
      get('/Service', null),
      get('/service/', 'svc'),
    ],
  },
  {
    title: 'Kong spec: a longer prefix is not superseded by a shorter one',
    routes: [
      { name: 'hello', paths: ['/my-route/hello'] },
      { name: 'short', paths: ['/my-route'] },
    ],
    cases: [
      get('/my-route/hello', 'hello'),
      get('/my-route/hello/world', 'hello'),
      get('/my-route', 'short'),
      get('/my-route/world', 'short'),
      get('/my-route/hellothere', 'hello'),
      get('/my-rout', null),
    ],
  },
  {
    title: 'Kong issue #10179: each path of a multi-path route ranks by its own length',
    routes: [
      { name: 'merchant', paths: ['/merchant'] },
      { name: 'post', paths: ['/merchant/postservice', '/merchant/postservice.php'] },
    ],
    cases: [
      get('/merchant/postservice.php', 'post', { prefix: '/merchant/postservice.php' }),
      get('/merchant/postservice', 'post', { prefix: '/merchant/postservice' }),
      get('/merchant/postservice.phpx', 'post', { prefix: '/merchant/postservice.php' }),
      get('/merchant/other', 'merchant', { prefix: '/merchant' }),
    ],
  },
  {
    title: 'Kong PR #10615: a route is split per path length',
    routes: [
      { name: 'multi', paths: ['/a', '/a/b/c'] },
      { name: 'mid', paths: ['/a/b'] },
    ],
    cases: [
      get('/a/b/c/d', 'multi', { prefix: '/a/b/c' }),
      get('/a/b/x', 'mid', { prefix: '/a/b' }),
      get('/a/x', 'multi', { prefix: '/a' }),
      get('/a/b', 'mid'),
    ],
  },
  {
    title: 'Kong PR #10615: regex and prefix paths of one route rank apart',
    routes: [
      { name: 'mixed', paths: ['/x', '~/y/\\d+'] },
      { name: 'y', paths: ['/y'] },
    ],
    cases: [get('/y/12', 'mixed', { prefix: '/y/12' }), get('/y/ab', 'y'), get('/x/1', 'mixed', { prefix: '/x' }), get('/z', null)],
  },
  {
    title: 'docs: regex evaluation order (regex_priority, regex before prefix)',
    routes: [
      { name: 'status', paths: ['~/status/\\d+'], regex_priority: 0 },
      { name: 'version-status', paths: ['~/version/\\d+/status/\\d+'], regex_priority: 6 },
      { name: 'version', paths: ['/version'] },
      { name: 'version-any', paths: ['~/version/any/'] },
    ],
    cases: [
      get('/version/1/status/2', 'version-status', { prefix: '/version/1/status/2' }),
      get('/status/3', 'status', { prefix: '/status/3' }),
      get('/version/any/x', 'version-any', { prefix: '/version/any/' }),
      get('/version', 'version', { prefix: '/version' }),
      get('/version/abc', 'version'),
      get('/status/abc', null),
      get('/version/7/status/x', 'version'),
    ],
  },
  {
    title: 'a regex path is anchored at the start only',
    routes: [
      { name: 'end', paths: ['~/foo$'] },
      { name: 'open', paths: ['~/bar'] },
      { name: 'digits', paths: ['~/items/\\d+'] },
    ],
    cases: [
      get('/foo', 'end', { prefix: '/foo' }),
      get('/foo/', null),
      get('/x/foo', null),
      get('/barbaz', 'open', { prefix: '/bar' }),
      get('/bar/x', 'open', { prefix: '/bar' }),
      get('/items/123/edit', 'digits', { prefix: '/items/123' }),
      get('/items/abc', null),
    ],
  },
  {
    title: 'Kong quirk: `^` is prepended without a group, so a top-level | escapes the anchor',
    routes: [{ name: 'alt', paths: ['~/a|/b'] }],
    cases: [get('/a/x', 'alt', { prefix: '/a' }), get('/x/b', 'alt', { prefix: '/b' }), get('/c', null)],
  },
  {
    title: 'docs: regex captures (named groups also listed by position)',
    routes: [
      { name: 'users', paths: ['~/version/(?<version>\\d+)/users/(?<user>\\S+)'] },
      { name: 'plain', paths: ['~/plain/\\d+'] },
      { name: 'unnamed', paths: ['~/item/(\\d+)/(\\w+)'] },
      { name: 'opt', paths: ['~/opt(/(?<n>\\d+))?$'] },
      { name: 'prefix', paths: ['/prefix'] },
    ],
    cases: [
      get('/version/1/users/john', 'users', {
        prefix: '/version/1/users/john',
        captures: { named: { version: '1', user: 'john' }, unnamed: ['1', 'john'] },
      }),
      get('/plain/42', 'plain', { captures: null }),
      get('/item/12/ab', 'unnamed', { captures: { named: {}, unnamed: ['12', 'ab'] } }),
      get('/opt', 'opt', { captures: { named: {}, unnamed: ['', ''] } }),
      get('/opt/7', 'opt', { captures: { named: { n: '7' }, unnamed: ['/7', '7'] } }),
      get('/prefix/x', 'prefix', { captures: null }),
    ],
  },
  {
    title: 'docs: request paths are normalized before matching',
    routes: [
      { name: 'fb', paths: ['/foo/bar'] },
      { name: 'enc', paths: ['/a%2Fb'] },
      { name: 'cafe', paths: ['/café'] },
    ],
    cases: [
      get('/foo/./bar', 'fb', { normalizedPath: '/foo/bar' }),
      get('/foo/x/../bar', 'fb', { normalizedPath: '/foo/bar' }),
      get('/foo//bar', 'fb', { normalizedPath: '/foo/bar' }),
      get('/fo%6F/bar', 'fb', { normalizedPath: '/foo/bar' }),
      get('/%66oo/bar/baz', 'fb', { normalizedPath: '/foo/bar/baz' }),
      get('/foo%2Fbar', null, { normalizedPath: '/foo%2Fbar' }),
      get('/a%2fb', 'enc', { normalizedPath: '/a%2Fb', prefix: '/a%2Fb' }),
      get('/a/b', null),
      get('/caf%C3%A9/menu', 'cafe', { normalizedPath: '/café/menu' }),
      get('/../foo/bar', 'fb', { normalizedPath: '/foo/bar' }),
      get('/foo/bar/..', null, { normalizedPath: '/foo/' }),
      get('/foo/bar%3F', 'fb', { normalizedPath: '/foo/bar%3F' }),
    ],
  },
  {
    title: 'a regex sees the normalized path',
    routes: [{ name: 'files', paths: ['~/files/(?<name>[^/]+)$'] }],
    cases: [
      get('/files/%61bc', 'files', { captures: { named: { name: 'abc' }, unnamed: ['abc'] } }),
      get('/files/a%2fb', 'files', { captures: { named: { name: 'a%2Fb' }, unnamed: ['a%2Fb'] } }),
      get('/files/x/../y', 'files', { captures: { named: { name: 'y' }, unnamed: ['y'] } }),
    ],
  },
  {
    title: 'the root prefix matches every path',
    routes: [{ name: 'root', paths: ['/'] }],
    cases: [get('/', 'root', { prefix: '/' }), get('/anything/at/all', 'root', { prefix: '/' })],
  },
];
