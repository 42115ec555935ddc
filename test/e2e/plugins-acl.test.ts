import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CAROL = '44444444-4444-4444-8444-444444444444';
const GUEST = '33333333-3333-4333-8333-333333333333';

function aliceJwt(): string {
  const seg = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${seg({ alg: 'HS256', typ: 'JWT' })}.${seg({ iss: 'alice-jwt' })}`;
  return `${input}.${createHmac('sha256', 'jwt-secret').update(input).digest('base64url')}`;
}

describe('acl through the real gateway (key-auth / jwt in front)', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    up = await startEcho('up');
    const route = (name: string, plugins: string) => `      - { name: ${name}, paths: [/${name}], plugins: [${plugins}] }`;
    gw = await startTestGateway(`
_format_version: "3.0"
consumers:
  - id: ${ALICE}
    username: alice
    keyauth_credentials: [{ key: alice-key }]
    jwt_secrets: [{ key: alice-jwt, secret: jwt-secret }]
    acls: [{ group: admin }, { group: dev }]
  - id: ${CAROL}
    username: carol
    keyauth_credentials: [{ key: carol-key }]
    acls: [{ group: dev }]
  - id: ${BOB}
    username: bob
    keyauth_credentials: [{ key: bob-key }]
  - id: ${GUEST}
    username: guest
    acls: [{ group: guests }]
services:
  - name: svc
    url: http://127.0.0.1:${up.port}
    routes:
${route('allow', '{ name: key-auth }, { name: acl, config: { allow: [admin] } }')}
${route('deny', '{ name: key-auth }, { name: acl, config: { deny: [admin] } }')}
${route('hide', '{ name: key-auth }, { name: acl, config: { allow: [dev], hide_groups_header: true } }')}
${route('jwt-allow', '{ name: jwt }, { name: acl, config: { allow: [admin] } }')}
${route('alone', '{ name: acl, config: { allow: [admin] } }')}
${route('anon-guests', '{ name: key-auth, config: { anonymous: guest } }, { name: acl, config: { allow: [guests] } }')}
${route('anon-admin', '{ name: key-auth, config: { anonymous: guest } }, { name: acl, config: { allow: [admin] } }')}
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  async function call(path: string, headers: Record<string, string> = {}) {
    const res = await request(`${gw.proxy}${path}`, { headers });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  }
  const lastSeen = () => up.seen[up.seen.length - 1];

  function assertError(r: Awaited<ReturnType<typeof call>>, status: number, message: string) {
    assert.equal(r.status, status);
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.body, `{\n  "message":"${message}",\n  "request_id":"${r.headers['x-kong-request-id']}"\n}`);
  }

  test('allow: a consumer in the group passes with X-Consumer-Groups; others get 403', async () => {
    const ok = await call('/allow', { apikey: 'alice-key', 'x-consumer-groups': 'forged' });
    assert.equal(ok.status, 200);
    assert.equal(lastSeen().headers['x-consumer-groups'], 'admin, dev');
    assert.equal(lastSeen().headers['x-consumer-id'], ALICE);
    assertError(await call('/allow', { apikey: 'carol-key' }), 403, 'You cannot consume this service');
    assertError(await call('/allow', { apikey: 'bob-key' }), 403, 'You cannot consume this service');
  });

  test('deny: a consumer in the group gets 403, others pass (no groups: no X-Consumer-Groups at all)', async () => {
    assertError(await call('/deny', { apikey: 'alice-key' }), 403, 'You cannot consume this service');
    assert.equal((await call('/deny', { apikey: 'carol-key' })).status, 200);
    assert.equal(lastSeen().headers['x-consumer-groups'], 'dev');
    assert.equal((await call('/deny', { apikey: 'bob-key', 'x-consumer-groups': 'forged' })).status, 200);
    assert.equal(lastSeen().headers['x-consumer-groups'], undefined);
  });

  test('the auth plugin answers first: no key is key-auth\'s 401', async () => {
    const r = await call('/allow');
    assertError(r, 401, 'No API key found in request');
    assert.equal(r.headers['www-authenticate'], 'Key');
  });

  test('hide_groups_header: allowed without the groups header', async () => {
    assert.equal((await call('/hide', { apikey: 'carol-key' })).status, 200);
    assert.equal(lastSeen().headers['x-consumer-groups'], undefined);
    assert.equal(lastSeen().headers['x-consumer-username'], 'carol');
  });

  test('jwt in front: the token\'s consumer groups decide', async () => {
    assert.equal((await call('/jwt-allow', { authorization: `Bearer ${aliceJwt()}` })).status, 200);
    assert.equal(lastSeen().headers['x-consumer-groups'], 'admin, dev');
    assert.equal(lastSeen().headers['x-credential-identifier'], 'alice-jwt');
  });

  test('acl without any authentication: 401 Unauthorized', async () => {
    assertError(await call('/alone'), 401, 'Unauthorized');
  });

  test('anonymous consumer: its own groups apply', async () => {
    assert.equal((await call('/anon-guests')).status, 200);
    assert.equal(lastSeen().headers['x-consumer-id'], GUEST);
    assert.equal(lastSeen().headers['x-anonymous-consumer'], 'true');
    assert.equal(lastSeen().headers['x-consumer-groups'], 'guests');
    assertError(await call('/anon-admin'), 403, 'You cannot consume this service');
    assert.equal((await call('/anon-admin', { apikey: 'alice-key' })).status, 200);
  });
});
