import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { fromZodIssues } from './zod-issues.js';
import { applyUpstreamShorthands, checkUpstream, upstreamFields } from './upstream.js';
import { formatTarget, targetFields } from './target.js';
import { normalizeIp, wildcardHostProblem } from './host-port.js';

const upstream = z.strictObject(upstreamFields).superRefine(checkUpstream);
const target = z.strictObject(targetFields);

/** [dotted path, message, code] of every issue, or the parsed value. */
function parse(schema: z.ZodType, input: unknown): { value?: Record<string, unknown>; issues: string[][] } {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return { value: r.data as Record<string, unknown>, issues: [] };
  return { issues: fromZodIssues(r.error.issues, []).map((i) => [i.path.join('.'), i.message, i.code]) };
}

test('upstream: defaults fill every field, including the whole healthchecks record', () => {
  const { value, issues } = parse(upstream, { name: 'backend.svc' });
  assert.deepEqual(issues, []);
  assert.equal(value!.algorithm, 'round-robin');
  assert.equal(value!.hash_on, 'none');
  assert.equal(value!.hash_fallback, 'none');
  assert.equal(value!.hash_on_cookie_path, '/');
  assert.equal(value!.slots, 10000);
  assert.equal(value!.use_srv_name, false);
  assert.equal(value!.host_header, null);
  assert.equal(value!.client_certificate, null);
  assert.deepEqual(value!.healthchecks, {
    threshold: 0,
    active: {
      type: 'http', timeout: 1, concurrency: 10, http_path: '/', https_sni: null, https_verify_certificate: true, headers: null,
      healthy: { interval: 0, http_statuses: [200, 302], successes: 0 },
      unhealthy: { interval: 0, http_statuses: [429, 404, 500, 501, 502, 503, 504, 505], tcp_failures: 0, timeouts: 0, http_failures: 0 },
    },
    passive: {
      type: 'http',
      healthy: { http_statuses: [200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308], successes: 0 },
      unhealthy: { http_statuses: [429, 500, 503], tcp_failures: 0, timeouts: 0, http_failures: 0 },
    },
  });
});

test('upstream: a partial healthchecks record keeps what is written and fills the rest', () => {
  const { value } = parse(upstream, {
    name: 'u',
    healthchecks: { active: { concurrency: 20, headers: { 'X-Check': ['kong'] }, healthy: { interval: 5 } }, passive: { type: 'tcp' } },
  });
  const hc = value!.healthchecks as { active: Record<string, unknown>; passive: Record<string, unknown> };
  assert.equal(hc.active.concurrency, 20);
  assert.deepEqual(hc.active.headers, { 'X-Check': ['kong'] });
  assert.deepEqual(hc.active.healthy, { interval: 5, http_statuses: [200, 302], successes: 0 });
  assert.equal(hc.passive.type, 'tcp');
  assert.deepEqual(hc.passive.unhealthy, { http_statuses: [429, 500, 503], tcp_failures: 0, timeouts: 0, http_failures: 0 });
});

test('upstream: healthchecks ranges, enums and unknown fields use Kong messages', () => {
  const { issues } = parse(upstream, {
    name: 'bad',
    host_header: 123,
    healthchecks: {
      threshold: 101,
      active: { concurrency: -1, type: 'udp', https_sni: '1.2.3.4', healthy: { successes: 256, http_statuses: [99] } },
      passive: { foo: 1 },
    },
  });
  assert.deepEqual(issues, [
    ['healthchecks.active.type', 'expected one of: tcp, http, https, grpc, grpcs', 'schema-enum'],
    ['healthchecks.active.concurrency', 'value should be between 1 and 2147483648', 'schema-range'],
    ['healthchecks.active.https_sni', 'must not be an IP', 'schema-pattern'],
    ['healthchecks.active.healthy.http_statuses.0', 'value should be between 100 and 999', 'schema-range'],
    ['healthchecks.active.healthy.successes', 'value should be between 0 and 255', 'schema-range'],
    ['healthchecks.passive.foo', 'unknown field', 'schema-unknown-field'],
    ['healthchecks.threshold', 'value should be between 0 and 100', 'schema-range'],
    ['host_header', 'expected a string', 'schema-type'],
  ]);
});

test('upstream: name must be a hostname, not an IP, without port', () => {
  const cases: [string, string][] = [
    ['my upstream', "Invalid name ('my upstream'); must be a valid hostname"],
    ['bad-.example', "Invalid name ('bad-.example'); must be a valid hostname"],
    ['10.0.0.1', "Invalid name ('10.0.0.1'); no ip addresses allowed"],
    ['[::1]', "Invalid name ('[::1]'); no ip addresses allowed"],
    ['svc.local:8080', "Invalid name ('svc.local:8080'); no port allowed"],
    ['svc.local:99999', "Invalid name ('svc.local:99999'); must be a valid hostname"],
  ];
  for (const [name, message] of cases) assert.deepEqual(parse(upstream, { name }).issues, [['name', message, 'schema-pattern']], name);
  assert.deepEqual(parse(upstream, {}).issues, [['name', 'required field missing', 'schema-required']]);
  assert.deepEqual(parse(upstream, { name: 'x', slots: 5 }).issues, [['slots', 'value should be between 10 and 65536', 'schema-range']]);
  assert.deepEqual(parse(upstream, { name: 'x', algorithm: 'random' }).issues, [
    ['algorithm', 'expected one of: consistent-hashing, least-connections, round-robin, latency', 'schema-enum'],
  ]);
});

test('upstream: host_header, cookie name and header names are checked', () => {
  assert.deepEqual(parse(upstream, { name: 'u', host_header: 'example.com:8080' }).issues, []);
  assert.deepEqual(parse(upstream, { name: 'u', host_header: 'bad host' }).issues, [['host_header', 'invalid hostname: bad host', 'schema-pattern']]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'cookie', hash_on_cookie: 'a b' }).issues, [
    ['hash_on_cookie', "bad cookie name 'a b', allowed characters are A-Z, a-z, 0-9, '_', and '-'", 'schema-pattern'],
  ]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'header', hash_on_header: 'x:y' }).issues, [
    ['hash_on_header', "bad header name 'x:y', allowed characters are A-Z, a-z, 0-9, '_', and '-'", 'schema-pattern'],
  ]);
});

test('upstream: each hash mode requires its field', () => {
  const entity = (f: string) => ['', `failed conditional validation given value of field '${f}'`, 'schema-entity-check'];
  const required = (f: string) => [f, 'required field missing', 'schema-required'];
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'header' }).issues, [entity('hash_on'), required('hash_on_header')]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'ip', hash_fallback: 'query_arg' }).issues, [
    entity('hash_fallback'), required('hash_fallback_query_arg'),
  ]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'uri_capture' }).issues, [entity('hash_on'), required('hash_on_uri_capture')]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'consumer', hash_fallback: 'cookie' }).issues, [
    entity('hash_fallback'), required('hash_on_cookie'),
  ]);
  const ok = parse(upstream, { name: 'u', hash_on: 'header', hash_on_header: 'x-user', hash_fallback: 'ip' });
  assert.deepEqual(ok.issues, []);
});

test('upstream: hash_fallback rules and distinct pairs', () => {
  const entity = ['', "failed conditional validation given value of field 'hash_on'", 'schema-entity-check'];
  assert.deepEqual(parse(upstream, { name: 'u', hash_fallback: 'ip' }).issues, [entity, ['hash_fallback', 'expected one of: none', 'schema-enum']]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'cookie', hash_on_cookie: 'c', hash_fallback: 'ip' }).issues, [
    entity, ['hash_fallback', 'expected one of: none', 'schema-enum'],
  ]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'ip', hash_fallback: 'ip' }).issues, [
    entity, ['hash_fallback', 'expected one of: none, consumer, header, cookie, path, query_arg, uri_capture', 'schema-enum'],
  ]);
  assert.deepEqual(parse(upstream, { name: 'u', hash_on: 'path', hash_fallback: 'path' }).issues, [
    entity, ['hash_fallback', 'expected one of: none, consumer, header, cookie, query_arg, ip, uri_capture', 'schema-enum'],
  ]);
  const sameHeaders = { name: 'u', hash_on: 'header', hash_on_header: 'x-a', hash_fallback: 'header', hash_fallback_header: 'x-a' };
  assert.deepEqual(parse(upstream, sameHeaders).issues, [
    ['', "values of these fields must be distinct: 'hash_on_header', 'hash_fallback_header'", 'schema-entity-check'],
  ]);
  const sameArgs = { name: 'u', hash_on: 'query_arg', hash_on_query_arg: 'a', hash_fallback: 'query_arg', hash_fallback_query_arg: 'a' };
  assert.deepEqual(parse(upstream, sameArgs).issues, [
    ['', "values of these fields must be distinct: 'hash_on_query_arg', 'hash_fallback_query_arg'", 'schema-entity-check'],
  ]);
});

test('applyUpstreamShorthands couples algorithm and hash_on like Kong', () => {
  assert.deepEqual(applyUpstreamShorthands({ name: 'u', hash_on: 'ip' }), { name: 'u', hash_on: 'ip', algorithm: 'consistent-hashing' });
  assert.deepEqual(applyUpstreamShorthands({ algorithm: 'consistent-hashing', hash_on: 'none' }), { algorithm: 'round-robin', hash_on: 'none' });
  assert.deepEqual(applyUpstreamShorthands({ algorithm: 'least-connections', hash_on: 'ip' }), { algorithm: 'least-connections', hash_on: 'none' });
  assert.deepEqual(applyUpstreamShorthands({ algorithm: 'latency' }), { algorithm: 'latency', hash_on: 'none' });
  assert.deepEqual(applyUpstreamShorthands({ hash_on: null }), { hash_on: 'none' });
  assert.deepEqual(applyUpstreamShorthands({ algorithm: 'consistent-hashing' }), { algorithm: 'consistent-hashing' });
  assert.deepEqual(applyUpstreamShorthands({ hash_on: 5 }), { hash_on: 5 });
  const raw = { hash_on: 'ip' };
  applyUpstreamShorthands(raw);
  assert.deepEqual(raw, { hash_on: 'ip' }, 'input is not modified');
});

test('target: defaults, port 8000 when none given, Kong normal form', () => {
  const { value, issues } = parse(target, { target: 'example.com', upstream: 'u' });
  assert.deepEqual(issues, []);
  assert.equal(value!.target, 'example.com:8000');
  assert.equal(value!.weight, 100);
  assert.equal(value!.upstream, 'u');
  assert.equal(parse(target, { target: '10.0.0.1:80' }).value!.target, '10.0.0.1:80');
  assert.equal(parse(target, { target: '010.000.000.001' }).value!.target, '10.0.0.1:8000');
  assert.equal(parse(target, { target: '[::1]:8080' }).value!.target, '[0000:0000:0000:0000:0000:0000:0000:0001]:8080');
  assert.equal(parse(target, { target: '::1' }).value!.target, '[0000:0000:0000:0000:0000:0000:0000:0001]:8000');
  assert.equal(parse(target, { target: 't', created_at: 1593624542.123 }).value!.created_at, 1593624542.123);
  assert.equal(formatTarget('nope nope'), undefined);
});

test('target: invalid targets and weights', () => {
  const invalid = (t: string) => [['target', `Invalid target ('${t}'); not a valid hostname or ip address`, 'schema-pattern']];
  for (const t of ['hostname:1.0', '300.1.1.1', 'host:70000', '[::1]x', 'a b']) assert.deepEqual(parse(target, { target: t }).issues, invalid(t), t);
  assert.deepEqual(parse(target, { target: '' }).issues, [['target', 'length must be at least 1', 'schema-length']]);
  assert.deepEqual(parse(target, {}).issues, [['target', 'required field missing', 'schema-required']]);
  assert.deepEqual(parse(target, { target: 't', weight: 65536 }).issues, [['weight', 'value should be between 0 and 65535', 'schema-range']]);
  assert.deepEqual(parse(target, { target: 't', weight: 1.5 }).issues, [['weight', 'expected an integer', 'schema-type']]);
});

test('host-port: normalize_ip and wildcard hosts', () => {
  assert.deepEqual(normalizeIp('example.com.'), { type: 'name', host: 'example.com.', port: undefined });
  assert.deepEqual(normalizeIp('a..b'), { error: 'invalid hostname: a..b' });
  assert.deepEqual(normalizeIp('1.2.3'), { error: 'invalid ipv4 address: 1.2.3' });
  assert.deepEqual(normalizeIp('[fe80::1]:443'), { type: 'ipv6', host: 'fe80:0000:0000:0000:0000:0000:0000:0001', port: 443 });
  assert.equal(wildcardHostProblem('*.example.com'), undefined);
  assert.equal(wildcardHostProblem('example.*'), undefined);
  assert.equal(wildcardHostProblem('a.*.com'), 'wildcard must be leftmost or rightmost character');
  assert.equal(wildcardHostProblem('*.example.*'), 'only one wildcard must be specified');
  assert.equal(wildcardHostProblem('*.exa mple.com'), 'invalid value: wildcard.exa mple.com');
  assert.equal(wildcardHostProblem('10.0.0.1'), 'must not be an IP');
  assert.equal(wildcardHostProblem('example.com:443'), 'must not have a port');
});
