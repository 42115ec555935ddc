import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const GUEST = '33333333-3333-4333-8333-333333333333';
const S_HS = 'aaaaaaaa-0000-4000-8000-000000000001';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: typeof rsa.publicKey) => JSON.stringify(k.export({ type: 'spki', format: 'pem' }));
const B64_BYTES = Buffer.from('c2VjcmV0IGJ5dGVz/w==', 'base64');

type Signer = (input: Buffer) => Buffer;
const hs = (secret: string | Buffer): Signer => (i) => createHmac('sha256', secret).update(i).digest();
const seg = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
function token(alg: string, claims: object, signer: Signer): string {
  const input = `${seg({ typ: 'JWT', alg })}.${seg(claims)}`;
  return `${input}.${signer(Buffer.from(input)).toString('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);
const aliceHs = (claims: object = {}) => token('HS256', { iss: 'alice-hs', ...claims }, hs('hs-secret'));

describe('jwt through the real gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    up = await startEcho('up');
    const url = `http://127.0.0.1:${up.port}`;
    const route = (name: string, config = '{}') => `      - { name: ${name}, paths: [/${name}], plugins: [{ name: jwt, config: ${config} }] }`;
    gw = await startTestGateway(`
_format_version: "3.0"
consumers:
  - id: ${ALICE}
    username: alice
    custom_id: alice-custom
    jwt_secrets:
      - { id: ${S_HS}, key: alice-hs, secret: hs-secret }
      - { key: alice-rs, algorithm: RS256, rsa_public_key: ${pem(rsa.publicKey)} }
      - { key: alice-es, algorithm: ES256, rsa_public_key: ${pem(ec.publicKey)} }
      - { key: alice-b64, secret: "${B64_BYTES.toString('base64')}" }
  - id: ${GUEST}
    username: guest
services:
  - name: svc
    url: ${url}
    routes:
${route('plain')}
${route('realm', '{ realm: kong-api }')}
${route('cookie', '{ cookie_names: [session], uri_param_names: [token] }')}
${route('claims', '{ claims_to_verify: [exp, nbf], maximum_expiration: 3600 }')}
${route('b64', '{ secret_is_base64: true }')}
${route('anon', '{ anonymous: guest }')}
${route('anon-missing', '{ anonymous: ghost }')}
${route('preflight', '{ run_on_preflight: false }')}
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  async function call(path: string, headers: Record<string, string> = {}, method: 'GET' | 'OPTIONS' = 'GET') {
    const res = await request(`${gw.proxy}${path}`, { method, headers });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  }
  const lastSeen = () => up.seen[up.seen.length - 1];
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  /** Kong's kong.response.exit body: compact JSON as cjson writes it (`/` escaped), no request id. */
  function assertExit(r: Awaited<ReturnType<typeof call>>, body: object, www = 'Bearer error="invalid_token"') {
    assert.equal(r.status, 401);
    assert.equal(r.body, JSON.stringify(body).replace(/\//g, '\\/'));
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.headers['www-authenticate'], www);
    assert.match(r.headers['x-kong-request-id'] as string, /^[0-9a-f]{32}$/);
  }

  test('no token: 401 {"message":"Unauthorized"}, WWW-Authenticate: Bearer; with realm', async () => {
    assertExit(await call('/plain'), { message: 'Unauthorized' }, 'Bearer');
    assertExit(await call('/realm'), { message: 'Unauthorized' }, 'Bearer realm="kong-api"');
    assertExit(await call('/realm', bearer('x.y')), { message: 'Bad token; invalid JSON' }, 'Bearer realm="kong-api" error="invalid_token"');
  });

  test('HS256 Bearer token: proxied with the X-Consumer-* headers and X-Credential-Identifier = key', async () => {
    const t = aliceHs();
    const r = await call('/plain', { ...bearer(t), 'x-anonymous-consumer': 'true', 'x-consumer-id': 'forged' });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'up');
    const seen = lastSeen().headers;
    assert.equal(seen['x-consumer-id'], ALICE);
    assert.equal(seen['x-consumer-username'], 'alice');
    assert.equal(seen['x-consumer-custom-id'], 'alice-custom');
    assert.equal(seen['x-credential-identifier'], 'alice-hs');
    assert.equal(seen['x-anonymous-consumer'], undefined);
    assert.equal(seen['authorization'], `Bearer ${t}`);
  });

  test('query (?jwt=, or uri_param_names) and cookie tokens', async () => {
    assert.equal((await call(`/plain?jwt=${aliceHs()}`)).status, 200);
    assert.equal((await call(`/cookie?token=${aliceHs()}`)).status, 200);
    assert.equal((await call('/cookie', { cookie: `a=b; session=${aliceHs()}` })).status, 200);
    assertExit(await call(`/cookie?jwt=${aliceHs()}`), { message: 'Unauthorized' }, 'Bearer');
  });

  test('two different tokens: "Multiple tokens provided"; ?jwt with no value: "Unrecognizable token"', async () => {
    assertExit(await call(`/plain?jwt=${aliceHs({ a: 1 })}`, bearer(aliceHs())), { message: 'Multiple tokens provided' });
    assertExit(await call('/plain?jwt'), { message: 'Unrecognizable token' });
  });

  test('bad tokens: invalid alg, missing key claim, unknown key, wrong alg, bad signature', async () => {
    assertExit(await call('/plain', bearer(`${seg({ alg: 'none' })}.${seg({ iss: 'alice-hs' })}.`)), { message: 'Bad token; invalid alg' });
    assertExit(await call('/plain', bearer(token('HS256', { sub: 'x' }, hs('hs-secret')))), { message: "No mandatory 'iss' in claims" });
    assertExit(await call('/plain', bearer(token('HS256', { iss: '' }, hs('hs-secret')))), { message: "Invalid 'iss' in claims" });
    assertExit(await call('/plain', bearer(token('HS256', { iss: 'nobody' }, hs('hs-secret')))), { message: "No credentials found for given 'iss'" });
    assertExit(await call('/plain', bearer(token('HS256', { iss: 'alice-rs' }, hs('hs-secret')))), { message: 'Invalid algorithm' });
    assertExit(await call('/plain', bearer(token('HS256', { iss: 'alice-hs' }, hs('not-the-secret')))), { message: 'Invalid signature' });
  });

  test('RS256 and ES256 with generated keys; a token signed by another key is refused', async () => {
    const rs = token('RS256', { iss: 'alice-rs' }, (i) => sign('sha256', i, rsa.privateKey));
    assert.equal((await call('/plain', bearer(rs))).status, 200);
    assert.equal(lastSeen().headers['x-credential-identifier'], 'alice-rs');
    const es = token('ES256', { iss: 'alice-es' }, (i) => sign('sha256', i, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }));
    assert.equal((await call('/plain', bearer(es))).status, 200);
    assert.equal(lastSeen().headers['x-credential-identifier'], 'alice-es');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = token('ES256', { iss: 'alice-es' }, (i) => sign('sha256', i, { key: other.privateKey, dsaEncoding: 'ieee-p1363' }));
    assertExit(await call('/plain', bearer(forged)), { message: 'Invalid signature' });
  });

  test('an ES256 signature of the wrong size: Kong\'s Lua assertion, a 500 "An unexpected error occurred"', async () => {
    const r = await call('/plain', { ...bearer(token('ES256', { iss: 'alice-es' }, () => Buffer.alloc(8))), accept: 'application/json' });
    assert.equal(r.status, 500);
    const id = r.headers['x-kong-request-id'];
    assert.equal(r.body, `{\n  "message":"An unexpected error occurred",\n  "request_id":"${id}"\n}`);
  });

  test('claims_to_verify and maximum_expiration: the error map is the body', async () => {
    assert.equal((await call('/claims', bearer(aliceHs({ exp: now() + 60, nbf: now() - 60 })))).status, 200);
    assertExit(await call('/claims', bearer(aliceHs({ exp: now() - 10, nbf: now() - 60 }))), { exp: 'token expired' });
    assertExit(await call('/claims', bearer(aliceHs({ exp: now() + 60, nbf: now() + 60 }))), { nbf: 'token not valid yet' });
    assertExit(await call('/claims', bearer(aliceHs({ exp: now() + 7200, nbf: now() }))), { exp: 'exceeds maximum allowed expiration' });
  });

  test('secret_is_base64: HS256 signed with the decoded secret', async () => {
    assert.equal((await call('/b64', bearer(token('HS256', { iss: 'alice-b64' }, hs(B64_BYTES))))).status, 200);
    assertExit(await call('/b64', bearer(token('HS256', { iss: 'alice-b64' }, hs(B64_BYTES.toString('base64'))))), { message: 'Invalid signature' });
    // "hs-secret" is not base64 (9 characters once '-' reads as '+'): Kong cannot decode it
    const r = await call('/b64', bearer(aliceHs()));
    assertExit(r, { message: 'Invalid key/secret' });
    assert.equal(r.body, '{"message":"Invalid key\\/secret"}');
  });

  test('anonymous: a bad or missing token goes upstream as the anonymous consumer; a missing anonymous is a 500', async () => {
    const r = await call('/anon', { 'x-credential-identifier': 'forged' });
    assert.equal(r.status, 200);
    const seen = lastSeen().headers;
    assert.equal(seen['x-consumer-id'], GUEST);
    assert.equal(seen['x-consumer-username'], 'guest');
    assert.equal(seen['x-anonymous-consumer'], 'true');
    assert.equal(seen['x-credential-identifier'], undefined);
    assert.equal((await call('/anon', bearer(aliceHs()))).status, 200);
    assert.equal(lastSeen().headers['x-consumer-id'], ALICE);
    const missing = await call('/anon-missing', { accept: 'application/json' });
    assert.equal(missing.status, 500);
    assert.equal(missing.body, `{\n  "message":"anonymous consumer ghost is configured but doesn't exist",\n  "request_id":"${missing.headers['x-kong-request-id']}"\n}`);
  });

  test('run_on_preflight: false lets OPTIONS through without a token', async () => {
    assert.equal((await call('/preflight', {}, 'OPTIONS')).status, 200);
    assertExit(await call('/preflight'), { message: 'Unauthorized' }, 'Bearer');
  });
});
