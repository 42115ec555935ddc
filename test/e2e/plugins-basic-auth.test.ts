import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const GUEST = '33333333-3333-4333-8333-333333333333';
const ALICE_KEY = 'aaaaaaaa-0000-4000-8000-000000000001';

const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

describe('basic-auth through the real gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    up = await startEcho('up');
    const url = `http://127.0.0.1:${up.port}`;
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc
    url: ${url}
    plugins:
      - { name: basic-auth, config: { realm: from-service } }
    routes:
      - { name: svc-default, paths: [/svc] }
      - name: route-override
        paths: [/override]
        plugins:
          - { name: basic-auth, config: { realm: from-route } }
  - name: plain
    url: ${url}
    routes:
      - { name: global-covered, paths: [/global] }
  - name: routes
    url: ${url}
    routes:
      - name: default
        paths: [/default]
        plugins: [{ name: basic-auth }]
      - name: hide
        paths: [/hide]
        plugins: [{ name: basic-auth, config: { hide_credentials: true } }]
      - name: anon-missing
        paths: [/anon-missing]
        plugins: [{ name: basic-auth, config: { anonymous: ghost } }]
      - name: either
        paths: [/either]
        plugins:
          - { name: key-auth, config: { anonymous: guest } }
          - { name: basic-auth, config: { anonymous: guest } }
      - name: both
        paths: [/both]
        plugins:
          - { name: key-auth }
          - { name: basic-auth }
plugins:
  - { name: basic-auth, config: { realm: from-global } }
consumers:
  - id: ${ALICE}
    username: alice
    custom_id: alice-custom
    keyauth_credentials:
      - { id: ${ALICE_KEY}, key: alice-secret }
    basicauth_credentials:
      - { username: alice-user, password: "open:sesame" }
  - id: ${BOB}
    username: bob
    basicauth_credentials:
      - { username: bob-user, password: b0b-pass }
  - id: ${GUEST}
    username: guest
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  const call = async (path: string, headers: Record<string, string> = {}) => {
    const before = up.seen.length;
    const res = await request(`${gw.proxy}${path}`, { headers: { accept: 'application/json', ...headers } });
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body, upstream: up.seen.length > before ? up.seen[up.seen.length - 1] : undefined };
  };

  const unauthorizedBody = (headers: Record<string, unknown>) =>
    `{\n  "message":"Unauthorized",\n  "request_id":"${String(headers['x-kong-request-id'])}"\n}`;

  test('no credentials: 401 Unauthorized, Kong\'s JSON body, WWW-Authenticate: Basic realm="service"', async () => {
    const r = await call('/default');
    assert.equal(r.status, 401);
    assert.equal(r.body, unauthorizedBody(r.headers));
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.headers['www-authenticate'], 'Basic realm="service"');
    assert.equal(r.upstream, undefined);
  });

  test('wrong password, unknown user, garbage: the same 401', async () => {
    for (const authorization of [basic('bob-user:wrong'), basic('nobody:b0b-pass'), 'Basic %%%', 'Bearer x']) {
      const r = await call('/default', { authorization });
      assert.equal(r.status, 401, authorization);
      assert.equal(r.body, unauthorizedBody(r.headers));
      assert.equal(r.headers['www-authenticate'], 'Basic realm="service"');
    }
  });

  test('valid credentials: proxied with X-Consumer-* and X-Credential-Identifier = username', async () => {
    const r = await call('/default', { authorization: basic('alice-user:open:sesame'), 'x-anonymous-consumer': 'true' });
    assert.equal(r.status, 200);
    const h = r.upstream!.headers;
    assert.equal(h['x-consumer-id'], ALICE);
    assert.equal(h['x-consumer-custom-id'], 'alice-custom');
    assert.equal(h['x-consumer-username'], 'alice');
    assert.equal(h['x-credential-identifier'], 'alice-user');
    assert.equal(h['x-anonymous-consumer'], undefined);
    assert.equal(h['authorization'], basic('alice-user:open:sesame'));
  });

  test('Proxy-Authorization is tried first', async () => {
    const r = await call('/default', { 'proxy-authorization': basic('bob-user:b0b-pass'), authorization: basic('alice-user:open:sesame') });
    assert.equal(r.status, 200);
    assert.equal(r.upstream!.headers['x-consumer-id'], BOB);
    assert.equal(r.upstream!.headers['x-consumer-custom-id'], undefined);
  });

  test('hide_credentials: the Authorization header is not sent upstream', async () => {
    const r = await call('/hide', { authorization: basic('bob-user:b0b-pass') });
    assert.equal(r.status, 200);
    assert.equal(r.upstream!.headers['authorization'], undefined);
    assert.equal(r.upstream!.headers['x-credential-identifier'], 'bob-user');
  });

  test('anonymous consumer that does not exist: 500 with Kong\'s message', async () => {
    const r = await call('/anon-missing');
    assert.equal(r.status, 500);
    assert.equal(r.body, `{\n  "message":"anonymous consumer ghost is configured but doesn't exist",\n  "request_id":"${String(r.headers['x-kong-request-id'])}"\n}`);
  });

  test('logical OR (key-auth + basic-auth, both anonymous): either credential, else the anonymous consumer', async () => {
    const byKey = await call('/either', { apikey: 'alice-secret' });
    assert.equal(byKey.status, 200);
    assert.equal(byKey.upstream!.headers['x-consumer-id'], ALICE);
    assert.equal(byKey.upstream!.headers['x-credential-identifier'], ALICE_KEY);
    // key-auth falls back to anonymous first; basic-auth (later, lower priority) then authenticates.
    const byBasic = await call('/either', { authorization: basic('bob-user:b0b-pass') });
    assert.equal(byBasic.status, 200);
    assert.equal(byBasic.upstream!.headers['x-consumer-id'], BOB);
    assert.equal(byBasic.upstream!.headers['x-credential-identifier'], 'bob-user');
    assert.equal(byBasic.upstream!.headers['x-anonymous-consumer'], undefined);
    const neither = await call('/either');
    assert.equal(neither.status, 200);
    assert.equal(neither.upstream!.headers['x-consumer-id'], GUEST);
    assert.equal(neither.upstream!.headers['x-anonymous-consumer'], 'true');
    assert.equal(neither.upstream!.headers['x-credential-identifier'], undefined);
  });

  test('logical AND (no anonymous): both plugins must pass; the last one to authenticate sets the headers', async () => {
    const onlyKey = await call('/both', { apikey: 'alice-secret' });
    assert.equal(onlyKey.status, 401);
    assert.equal(onlyKey.headers['www-authenticate'], 'Basic realm="service"');
    const onlyBasic = await call('/both', { authorization: basic('bob-user:b0b-pass') });
    assert.equal(onlyBasic.status, 401);
    assert.equal(onlyBasic.headers['www-authenticate'], 'Key');
    const r = await call('/both', { apikey: 'alice-secret', authorization: basic('bob-user:b0b-pass') });
    assert.equal(r.status, 200);
    assert.equal(r.upstream!.headers['x-consumer-id'], BOB);
    assert.equal(r.upstream!.headers['x-credential-identifier'], 'bob-user');
  });

  test('precedence: route config over service config over global config (seen in the realm)', async () => {
    assert.equal((await call('/svc')).headers['www-authenticate'], 'Basic realm="from-service"');
    assert.equal((await call('/override')).headers['www-authenticate'], 'Basic realm="from-route"');
    assert.equal((await call('/global')).headers['www-authenticate'], 'Basic realm="from-global"');
    const ok = await call('/override', { authorization: basic('bob-user:b0b-pass') });
    assert.equal(ok.status, 200);
    assert.equal(ok.upstream!.headers['x-consumer-id'], BOB);
  });
});
