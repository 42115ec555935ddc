import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import type http from 'node:http';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const GUEST = '33333333-3333-4333-8333-333333333333';
const ALICE_KEY = 'aaaaaaaa-0000-4000-8000-000000000001';

/** Echo upstream that also answers with the body it received (to see what hide_credentials left). */
function echoBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => res.end(`body:${Buffer.concat(chunks).toString()}`));
}

describe('key-auth through the real gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    up = await startEcho('up', echoBody);
    const url = `http://127.0.0.1:${up.port}`;
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc
    url: ${url}
    plugins:
      - { name: key-auth, config: { key_names: [svc-key] } }
    routes:
      - { name: svc-default, paths: [/svc] }
      - name: route-override
        paths: [/override]
        plugins:
          - { name: key-auth, config: { key_names: [route-key] } }
  - name: plain
    url: ${url}
    routes:
      - { name: global-covered, paths: [/global] }
  - name: routes
    url: ${url}
    routes:
      - name: default
        paths: [/default]
        plugins: [{ name: key-auth }]
      - name: hide
        paths: [/hide]
        plugins: [{ name: key-auth, config: { hide_credentials: true, key_in_body: true } }]
      - name: anon
        paths: [/anon]
        plugins: [{ name: key-auth, config: { anonymous: guest } }]
      - name: anon-missing
        paths: [/anon-missing]
        plugins: [{ name: key-auth, config: { anonymous: ghost } }]
      - name: realm
        paths: [/realm]
        plugins: [{ name: key-auth, config: { realm: kong-test } }]
      - name: preflight
        paths: [/preflight]
        plugins: [{ name: key-auth, config: { run_on_preflight: false } }]
plugins:
  - { name: key-auth, config: { key_names: [global-key] } }
consumers:
  - id: ${ALICE}
    username: alice
    custom_id: alice-custom
    keyauth_credentials:
      - { id: ${ALICE_KEY}, key: alice-secret }
  - id: ${GUEST}
    username: guest
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  const call = async (path: string, init: { method?: string; headers?: Record<string, string | string[]>; body?: string } = {}) => {
    const before = up.seen.length;
    const res = await request(`${gw.proxy}${path}`, { method: (init.method ?? 'GET') as 'GET', headers: { accept: 'application/json', ...init.headers }, body: init.body });
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body, upstream: up.seen.length > before ? up.seen[up.seen.length - 1] : undefined };
  };

  const kongJson = (message: string, headers: Record<string, unknown>) =>
    `{\n  "message":"${message}",\n  "request_id":"${String(headers['x-kong-request-id'])}"\n}`;

  test('no key: 401, Kong\'s JSON error body with the request id, WWW-Authenticate: Key; not proxied', async () => {
    const r = await call('/default');
    assert.equal(r.status, 401);
    assert.match(String(r.headers['x-kong-request-id']), /^[0-9a-f]{32}$/);
    assert.equal(r.body, kongJson('No API key found in request', r.headers));
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.headers['www-authenticate'], 'Key');
    assert.equal(r.upstream, undefined);
  });

  test('the error body follows Accept (text/plain template)', async () => {
    const r = await call('/default', { headers: { accept: 'text/plain' } });
    assert.equal(r.status, 401);
    assert.equal(r.body, `No API key found in request\nrequest_id: ${String(r.headers['x-kong-request-id'])}\n`);
  });

  test('unknown key: 401 Unauthorized', async () => {
    const r = await call('/default', { headers: { apikey: 'nope' } });
    assert.equal(r.status, 401);
    assert.equal(r.body, kongJson('Unauthorized', r.headers));
    assert.equal(r.headers['www-authenticate'], 'Key');
  });

  test('valid key in the header: proxied with the consumer headers (client values overwritten)', async () => {
    const r = await call('/default', { headers: { apikey: 'alice-secret', 'x-consumer-id': 'forged', 'x-anonymous-consumer': 'true' } });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'body:');
    const h = r.upstream!.headers;
    assert.equal(h['x-consumer-id'], ALICE);
    assert.equal(h['x-consumer-custom-id'], 'alice-custom');
    assert.equal(h['x-consumer-username'], 'alice');
    assert.equal(h['x-credential-identifier'], ALICE_KEY);
    assert.equal(h['x-anonymous-consumer'], undefined);
    assert.equal(h['apikey'], 'alice-secret');
  });

  test('valid key in the query string', async () => {
    const r = await call('/default/x?apikey=alice-secret&q=1');
    assert.equal(r.status, 200);
    assert.equal(r.upstream!.url, '/x?apikey=alice-secret&q=1', 'strip_path; the key stays without hide_credentials');
    assert.equal(r.upstream!.headers['x-consumer-id'], ALICE);
  });

  test('a repeated key: 401 Duplicate API key found (header and query)', async () => {
    const h = await call('/default', { headers: { apikey: ['alice-secret', 'alice-secret'] } });
    assert.equal(h.status, 401);
    assert.equal(h.body, kongJson('Duplicate API key found', h.headers));
    assert.equal(h.headers['www-authenticate'], 'Key');
    const q = await call('/default?apikey=alice-secret&apikey=x');
    assert.equal(q.status, 401);
    assert.equal(q.body, kongJson('Duplicate API key found', q.headers));
  });

  test('hide_credentials: header, query argument and body field are not sent upstream', async () => {
    const h = await call('/hide', { headers: { apikey: 'alice-secret', other: 'kept' } });
    assert.equal(h.status, 200);
    assert.equal(h.upstream!.headers['apikey'], undefined);
    assert.equal(h.upstream!.headers['other'], 'kept');
    assert.equal(h.upstream!.headers['x-consumer-id'], ALICE);
    const q = await call('/hide?a=1&apikey=alice-secret&b=2');
    assert.equal(q.status, 200);
    assert.equal(q.upstream!.url, '/?a=1&b=2');
    const b = await call('/hide', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&apikey=alice-secret&b=2' });
    assert.equal(b.status, 200);
    assert.equal(b.body, 'body:a=1&b=2');
    assert.equal(b.upstream!.headers['content-length'], '7');
    assert.equal(b.upstream!.headers['x-credential-identifier'], ALICE_KEY);
  });

  test('key_in_body: a JSON body key authenticates', async () => {
    const r = await call('/hide', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"apikey":"alice-secret","n":1}' });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body.slice('body:'.length)), { n: 1 });
    assert.equal(r.upstream!.headers['x-consumer-id'], ALICE);
  });

  test('anonymous: no key → proxied as the anonymous consumer, X-Anonymous-Consumer: true', async () => {
    const r = await call('/anon', { headers: { 'x-credential-identifier': 'forged' } });
    assert.equal(r.status, 200);
    const h = r.upstream!.headers;
    assert.equal(h['x-consumer-id'], GUEST);
    assert.equal(h['x-consumer-username'], 'guest');
    assert.equal(h['x-consumer-custom-id'], undefined);
    assert.equal(h['x-credential-identifier'], undefined);
    assert.equal(h['x-anonymous-consumer'], 'true');
    const known = await call('/anon', { headers: { apikey: 'alice-secret' } });
    assert.equal(known.upstream!.headers['x-consumer-id'], ALICE);
    assert.equal(known.upstream!.headers['x-anonymous-consumer'], undefined);
  });

  test('anonymous consumer that does not exist: 500 with Kong\'s message', async () => {
    const r = await call('/anon-missing');
    assert.equal(r.status, 500);
    assert.equal(r.body, kongJson("anonymous consumer ghost is configured but doesn't exist", r.headers));
    assert.equal(r.upstream, undefined);
  });

  test('realm: WWW-Authenticate: Key realm="…"', async () => {
    const r = await call('/realm');
    assert.equal(r.status, 401);
    assert.equal(r.headers['www-authenticate'], 'Key realm="kong-test"');
  });

  test('run_on_preflight false: OPTIONS is proxied without a key; GET still needs one', async () => {
    const o = await call('/preflight', { method: 'OPTIONS' });
    assert.equal(o.status, 200);
    assert.equal(o.upstream!.method, 'OPTIONS');
    assert.equal(o.upstream!.headers['x-consumer-id'], undefined);
    assert.equal((await call('/preflight')).status, 401);
    assert.equal((await call('/default', { method: 'OPTIONS' })).status, 401, 'run_on_preflight defaults to true');
  });

  test('precedence: route config over service config over global config', async () => {
    // Service instance (svc-key) on its route; the global key name is not looked at.
    assert.equal((await call('/svc', { headers: { 'svc-key': 'alice-secret' } })).status, 200);
    assert.equal((await call('/svc', { headers: { 'global-key': 'alice-secret' } })).status, 401);
    // The route's own instance wins over the service's.
    assert.equal((await call('/override', { headers: { 'route-key': 'alice-secret' } })).status, 200);
    assert.equal((await call('/override', { headers: { 'svc-key': 'alice-secret' } })).status, 401);
    // No route or service instance: the global one.
    assert.equal((await call('/global', { headers: { 'global-key': 'alice-secret' } })).status, 200);
    assert.equal((await call('/global', { headers: { apikey: 'alice-secret' } })).status, 401);
  });
});
