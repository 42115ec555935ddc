import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { jwt, AUTHENTICATED_JWT_TOKEN } from './handler.js';
import { decodeToken, ngxDecodeBase64, jwtBase64Decode } from './jwt-parser.js';
import { cookieValue, parseQueryArgs, bearerToken } from './request-tokens.js';
import { fixture, runAccess, type Fixture } from './handler-test-kit.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const GUEST = '33333333-3333-4333-8333-333333333333';
const S_HS = 'aaaaaaaa-0000-4000-8000-000000000001';
const S_RS = 'aaaaaaaa-0000-4000-8000-000000000002';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec521 = generateKeyPairSync('ec', { namedCurve: 'P-521' });
const ed = generateKeyPairSync('ed25519');
const pem = (k: KeyObject) => JSON.stringify(k.export({ type: 'spki', format: 'pem' }));

const B64_SECRET_BYTES = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0xff]);

const CONSUMERS = `
consumers:
  - id: ${ALICE}
    username: alice
    custom_id: alice-custom
    jwt_secrets:
      - { id: ${S_HS}, key: alice-hs, secret: hs-secret }
      - { key: alice-hs512, secret: hs512-secret, algorithm: HS512 }
      - { id: ${S_RS}, key: alice-rs, algorithm: RS256, rsa_public_key: ${pem(rsa.publicKey)} }
      - { key: alice-es, algorithm: ES256, rsa_public_key: ${pem(ec256.publicKey)} }
      - { key: alice-es512, algorithm: ES512, rsa_public_key: ${pem(ec521.publicKey)} }
      - { key: alice-ps, algorithm: PS256, rsa_public_key: ${pem(rsa.publicKey)} }
      - { key: alice-ed, algorithm: EdDSA, rsa_public_key: ${pem(ed.publicKey)} }
      - { key: alice-es-nokey, algorithm: ES256 }
      - { key: alice-b64, secret: "${B64_SECRET_BYTES.toString('base64')}" }
      - { key: alice-bad-b64, secret: "not*base64" }
  - id: ${GUEST}
    username: guest
`;

type Signer = (input: Buffer) => Buffer;
const hs = (secret: string | Buffer, bits = 256): Signer => (input) => createHmac(`sha${bits}`, secret).update(input).digest();
const rs: Signer = (input) => sign('sha256', input, rsa.privateKey);
const es256: Signer = (input) => sign('sha256', input, { key: ec256.privateKey, dsaEncoding: 'ieee-p1363' });
const es512: Signer = (input) => sign('sha512', input, { key: ec521.privateKey, dsaEncoding: 'ieee-p1363' });
const ps: Signer = (input) => sign('sha256', input, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
const eddsa: Signer = (input) => sign(null, input, ed.privateKey);

const seg = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function token(header: object, claims: unknown, signer: Signer): string {
  const input = `${seg(header)}.${seg(claims)}`;
  return `${input}.${signer(Buffer.from(input)).toString('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);
const aliceHs = (claims: object = {}) => token({ typ: 'JWT', alg: 'HS256' }, { iss: 'alice-hs', ...claims }, hs('hs-secret'));
const bearer = (t: string): [string, string] => ['authorization', `Bearer ${t}`];

const fixtures = new Map<string, Fixture>();
function plugin(config = '{}'): Fixture {
  let f = fixtures.get(config);
  if (!f) fixtures.set(config, (f = fixture(jwt, CONSUMERS, config)));
  return f;
}

const exit = (body: object, www = 'Bearer error="invalid_token"') => ({ kind: 'exit', status: 401, body, headers: [['WWW-Authenticate', www]] });

describe('jwt handler (real context, real loaded config)', () => {
  test('HS256 Bearer token: consumer, X-Consumer-* and X-Credential-Identifier (the key), token in ctx.shared', async () => {
    const t = aliceHs();
    const { ctx, reply, upstream } = await runAccess(plugin(), { headers: [bearer(t), ['x-anonymous-consumer', 'true'], ['x-credential-identifier', 'forged']] });
    assert.equal(reply, undefined);
    assert.equal(ctx.consumer?.id, ALICE);
    assert.deepEqual(ctx.credential, { id: S_HS, identifier: 'alice-hs' });
    assert.equal(upstream.get('x-consumer-id'), ALICE);
    assert.equal(upstream.get('x-consumer-username'), 'alice');
    assert.equal(upstream.get('x-consumer-custom-id'), 'alice-custom');
    assert.equal(upstream.get('x-credential-identifier'), 'alice-hs');
    assert.equal(upstream.has('x-anonymous-consumer'), false);
    assert.equal(ctx.shared.get(AUTHENTICATED_JWT_TOKEN), t);
    assert.equal(upstream.get('authorization'), `Bearer ${t}`, 'the token is not hidden');
  });

  test('no token: 401 exit {"message":"Unauthorized"} with WWW-Authenticate: Bearer (realm when set)', async () => {
    assert.deepEqual((await runAccess(plugin())).reply, exit({ message: 'Unauthorized' }, 'Bearer'));
    assert.deepEqual((await runAccess(plugin('{ realm: api }'))).reply, exit({ message: 'Unauthorized' }, 'Bearer realm="api"'));
    // not a Bearer value, an empty query value: still no token
    assert.deepEqual((await runAccess(plugin(), { headers: [['authorization', 'Basic abc']], query: 'jwt=' })).reply, exit({ message: 'Unauthorized' }, 'Bearer'));
  });

  test('token from the query (jwt), a cookie (cookie_names), a custom header; "bearer" in any position of the header', async () => {
    const t = aliceHs();
    assert.equal((await runAccess(plugin(), { query: `a=1&jwt=${t}` })).reply, undefined);
    const cookie = plugin('{ cookie_names: [session] }');
    assert.equal((await runAccess(cookie, { headers: [['cookie', `other=1; SESSION = ${t}; x=2`]] })).reply, undefined);
    const custom = plugin('{ header_names: [X_Token] }');
    const r = await runAccess(custom, { headers: [['x-token', `xx bearer ${t}`]] });
    assert.equal(r.reply, undefined);
    assert.equal(r.ctx.credential?.identifier, 'alice-hs');
    // header_names replaces authorization
    assert.deepEqual((await runAccess(custom, { headers: [bearer(t)] })).reply, exit({ message: 'Unauthorized' }, 'Bearer'));
  });

  test('the same token in several places is one token; two different ones are "Multiple tokens provided"', async () => {
    const t = aliceHs();
    assert.equal((await runAccess(plugin(), { query: `jwt=${t}`, headers: [bearer(t)] })).reply, undefined);
    assert.deepEqual((await runAccess(plugin(), { query: `jwt=${t}`, headers: [bearer(aliceHs({ x: 1 }))] })).reply, exit({ message: 'Multiple tokens provided' }));
    assert.deepEqual((await runAccess(plugin('{ realm: api }'), { query: `jwt=a&jwt=b` })).reply,
      exit({ message: 'Multiple tokens provided' }, 'Bearer realm="api" error="invalid_token"'));
  });

  test('?jwt without a value is Lua true: "Unrecognizable token"', async () => {
    assert.deepEqual((await runAccess(plugin(), { query: 'jwt' })).reply, exit({ message: 'Unrecognizable token' }));
  });

  test('undecodable tokens: Bad token; invalid JSON / invalid alg / invalid claims / invalid signature', async () => {
    const bad = async (t: string) => (await runAccess(plugin(), { headers: [bearer(t)] })).reply;
    assert.deepEqual(await bad('abc'), exit({ message: 'Bad token; invalid JSON' }));
    assert.deepEqual(await bad(`${seg('{nope')}.${seg({})}.x`), exit({ message: 'Bad token; invalid JSON' }));
    assert.deepEqual(await bad(`${seg({ alg: 'HS256' })}.${seg({})}`), exit({ message: 'Bad token; invalid JSON' }));
    assert.deepEqual(await bad(`${seg({ typ: 'JWT' })}.${seg({})}.x`), exit({ message: 'Bad token; invalid alg' }));
    assert.deepEqual(await bad(`${seg({ alg: 'none' })}.${seg({})}.x`), exit({ message: 'Bad token; invalid alg' }));
    assert.deepEqual(await bad(`${seg({ alg: 'HS256' })}.${seg('false')}.x`), exit({ message: 'Bad token; invalid claims' }));
    assert.deepEqual(await bad(`${seg({ alg: 'HS256' })}.${seg({})}.a!b`), exit({ message: 'Bad token; invalid signature' }));
  });

  test('key claim: missing, empty, found in the JWT header instead, unknown', async () => {
    const t = (header: object, claims: object) => token({ alg: 'HS256', ...header }, claims, hs('hs-secret'));
    const reply = async (tok: string, cfg = '{}') => (await runAccess(plugin(cfg), { headers: [bearer(tok)] })).reply;
    assert.deepEqual(await reply(t({}, { sub: 'x' })), exit({ message: "No mandatory 'iss' in claims" }));
    assert.deepEqual(await reply(t({}, { iss: '' })), exit({ message: "Invalid 'iss' in claims" }));
    assert.equal(await reply(t({ kid: 'alice-hs' }, {}), '{ key_claim_name: kid }'), undefined);
    assert.equal(await reply(t({ iss: 'alice-hs' }, { iss: false })), undefined, 'false in the claims falls back to the header');
    assert.deepEqual(await reply(t({}, { iss: 'nobody' })), exit({ message: "No credentials found for given 'iss'" }));
  });

  test('alg must equal the credential algorithm: "Invalid algorithm"; wrong HS secret: "Invalid signature"', async () => {
    const reply = async (tok: string) => (await runAccess(plugin(), { headers: [bearer(tok)] })).reply;
    assert.deepEqual(await reply(token({ alg: 'HS256' }, { iss: 'alice-rs' }, hs('x'))), exit({ message: 'Invalid algorithm' }));
    assert.deepEqual(await reply(token({ alg: 'HS512' }, { iss: 'alice-hs' }, hs('hs-secret', 512))), exit({ message: 'Invalid algorithm' }));
    assert.deepEqual(await reply(token({ alg: 'HS256' }, { iss: 'alice-hs' }, hs('wrong'))), exit({ message: 'Invalid signature' }));
    assert.equal(await reply(token({ alg: 'HS512' }, { iss: 'alice-hs512' }, hs('hs512-secret', 512))), undefined);
  });

  test('RS256, ES256, ES512, PS256 and EdDSA with generated keys; a signature by another key is "Invalid signature"', async () => {
    const reply = async (tok: string) => (await runAccess(plugin(), { headers: [bearer(tok)] })).reply;
    const cases: [string, string, Signer][] = [
      ['RS256', 'alice-rs', rs], ['ES256', 'alice-es', es256], ['ES512', 'alice-es512', es512], ['PS256', 'alice-ps', ps], ['EdDSA', 'alice-ed', eddsa],
    ];
    for (const [alg, iss, signer] of cases) {
      const r = await runAccess(plugin(), { headers: [bearer(token({ alg }, { iss }, signer))] });
      assert.equal(r.reply, undefined, alg);
      assert.equal(r.ctx.credential?.identifier, iss);
    }
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assert.deepEqual(await reply(token({ alg: 'RS256' }, { iss: 'alice-rs' }, (i) => sign('sha256', i, other.privateKey))), exit({ message: 'Invalid signature' }));
    const otherEc = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.deepEqual(await reply(token({ alg: 'ES256' }, { iss: 'alice-es' }, (i) => sign('sha256', i, { key: otherEc.privateKey, dsaEncoding: 'ieee-p1363' }))),
      exit({ message: 'Invalid signature' }));
    // a tampered payload
    const good = token({ alg: 'RS256' }, { iss: 'alice-rs' }, rs).split('.');
    assert.deepEqual(await reply(`${good[0]}.${seg({ iss: 'alice-rs', admin: true })}.${good[2]}`), exit({ message: 'Invalid signature' }));
  });

  test('an ES256 signature that is not 64 bytes is a Lua assertion (the request fails with 500)', async () => {
    await assert.rejects(runAccess(plugin(), { headers: [bearer(token({ alg: 'ES256' }, { iss: 'alice-es' }, () => Buffer.alloc(10)))] }), /Signature must be 64 bytes/);
  });

  test('ES256 credential without rsa_public_key: "Invalid key/secret"', async () => {
    const r = await runAccess(plugin(), { headers: [bearer(token({ alg: 'ES256' }, { iss: 'alice-es-nokey' }, es256))] });
    assert.deepEqual(r.reply, exit({ message: 'Invalid key/secret' }));
  });

  test('secret_is_base64: the secret is base64-decoded; an undecodable secret is "Invalid key/secret"', async () => {
    const b64 = plugin('{ secret_is_base64: true }');
    const reply = async (tok: string, f = b64) => (await runAccess(f, { headers: [bearer(tok)] })).reply;
    assert.equal(await reply(token({ alg: 'HS256' }, { iss: 'alice-b64' }, hs(B64_SECRET_BYTES))), undefined);
    assert.deepEqual(await reply(token({ alg: 'HS256' }, { iss: 'alice-b64' }, hs(B64_SECRET_BYTES.toString('base64')))), exit({ message: 'Invalid signature' }));
    assert.deepEqual(await reply(token({ alg: 'HS256' }, { iss: 'alice-bad-b64' }, hs('x'))), exit({ message: 'Invalid key/secret' }));
    // without the option the literal string is the key
    assert.equal(await reply(token({ alg: 'HS256' }, { iss: 'alice-b64' }, hs(B64_SECRET_BYTES.toString('base64'))), plugin()), undefined);
  });

  test('claims_to_verify: the error map itself is the body', async () => {
    const f = plugin('{ claims_to_verify: [exp, nbf] }');
    const reply = async (claims: object) => (await runAccess(f, { headers: [bearer(aliceHs(claims))] })).reply;
    assert.equal(await reply({ exp: now() + 60, nbf: now() - 60 }), undefined);
    assert.deepEqual(await reply({ exp: now() - 1, nbf: now() - 60 }), exit({ exp: 'token expired' }));
    assert.deepEqual(await reply({ exp: now(), nbf: now() }), exit({ exp: 'token expired' }), 'exp <= now is expired, nbf == now is valid');
    assert.deepEqual(await reply({ exp: now() + 60, nbf: now() + 60 }), exit({ nbf: 'token not valid yet' }));
    assert.deepEqual(await reply({ exp: 'soon' }), exit({ exp: 'must be a number', nbf: 'must be a number' }));
    // not verified unless listed
    assert.equal((await runAccess(plugin(), { headers: [bearer(aliceHs({ exp: 1 }))] })).reply, undefined);
  });

  test('maximum_expiration: exp further away (or missing) is {"exp":"exceeds maximum allowed expiration"}', async () => {
    const f = plugin('{ claims_to_verify: [exp], maximum_expiration: 60 }');
    const reply = async (claims: object) => (await runAccess(f, { headers: [bearer(aliceHs(claims))] })).reply;
    assert.equal(await reply({ exp: now() + 30 }), undefined);
    assert.deepEqual(await reply({ exp: now() + 3600 }), exit({ exp: 'exceeds maximum allowed expiration' }));
    const noClaims = plugin('{ maximum_expiration: 60 }');
    assert.deepEqual((await runAccess(noClaims, { headers: [bearer(aliceHs())] })).reply, exit({ exp: 'exceeds maximum allowed expiration' }));
  });

  test('anonymous (logical OR): a failure attaches the anonymous consumer; a missing one is a 500', async () => {
    const { ctx, reply, upstream } = await runAccess(plugin('{ anonymous: guest }'), { headers: [bearer('garbage'), ['x-credential-identifier', 'forged']] });
    assert.equal(reply, undefined);
    assert.equal(ctx.consumer?.id, GUEST);
    assert.equal(ctx.credential, null);
    assert.equal(upstream.get('x-anonymous-consumer'), 'true');
    assert.equal(upstream.get('x-consumer-username'), 'guest');
    assert.equal(upstream.has('x-credential-identifier'), false);
    assert.equal(ctx.shared.has(AUTHENTICATED_JWT_TOKEN), false);
    // by id too
    assert.equal((await runAccess(plugin(`{ anonymous: "${GUEST}" }`))).ctx.consumer?.id, GUEST);
    assert.deepEqual((await runAccess(plugin('{ anonymous: ghost }'))).reply,
      { kind: 'error', status: 500, message: "anonymous consumer ghost is configured but doesn't exist" });
  });

  test('anonymous: already authenticated by an earlier plugin → skipped; without anonymous (logical AND) it still fails', async () => {
    const earlier = (f: Fixture) => (ctx: Parameters<NonNullable<Parameters<typeof runAccess>[2]>>[0]) =>
      ctx.authenticate(f.consumers.byId(ALICE)!, { id: 'k', identifier: 'k' });
    const or = plugin('{ anonymous: guest }');
    const r = await runAccess(or, {}, earlier(or));
    assert.equal(r.reply, undefined);
    assert.equal(r.ctx.credential?.id, 'k');
    const and = plugin();
    assert.deepEqual((await runAccess(and, {}, earlier(and))).reply, exit({ message: 'Unauthorized' }, 'Bearer'));
    // an anonymous consumer from an earlier plugin has no credential: this one still runs
    const anon = await runAccess(or, { headers: [bearer(aliceHs())] }, (ctx) => ctx.authenticateAnonymous(or.consumers.byId(GUEST)!));
    assert.equal(anon.ctx.consumer?.id, ALICE);
    assert.equal(anon.upstream.has('x-anonymous-consumer'), false);
  });

  test('run_on_preflight: false skips OPTIONS only', async () => {
    const f = plugin('{ run_on_preflight: false }');
    assert.equal((await runAccess(f, { method: 'OPTIONS' })).reply, undefined);
    assert.deepEqual((await runAccess(f, { method: 'GET' })).reply, exit({ message: 'Unauthorized' }, 'Bearer'));
    assert.deepEqual((await runAccess(plugin(), { method: 'OPTIONS' })).reply, exit({ message: 'Unauthorized' }, 'Bearer'));
  });
});

describe('jwt parsing helpers (Kong/nginx semantics)', () => {
  test('ngx.decode_base64 stops at "=", refuses 4n+1 lengths and foreign characters; the jwt variant maps -_', () => {
    assert.equal(ngxDecodeBase64('YWJj')?.toString(), 'abc');
    assert.equal(ngxDecodeBase64('YWJj=ignored!')?.toString(), 'abc');
    assert.equal(ngxDecodeBase64('YWJjZ'), null);
    assert.equal(ngxDecodeBase64('YW-j'), null);
    assert.deepEqual(jwtBase64Decode('-_8'), Buffer.from([0xfb, 0xff]));
  });

  test('decodeToken keeps extra dots in the signature part (then not base64)', () => {
    assert.deepEqual(decodeToken(`${seg({ alg: 'HS256' })}.${seg({})}.a.b`), { error: 'invalid signature' });
  });

  test('query args: + and %XX decoded, a name without = is true, repeated names kept in order', () => {
    assert.deepEqual([...parseQueryArgs('a=1+2&b&a=%41%zz&=x')], [['a', ['1 2', 'A%zz']], ['b', [true]]]);
  });

  test('cookies: case-insensitive name, spaces around =, value to ";", prefix names do not match', () => {
    assert.equal(cookieValue(['jwtx=1; JWT = v v ;y=2'], 'jwt'), 'v v ');
    assert.equal(cookieValue(['a=1', 'b=2; jwt=t'], 'jwt'), 't');
    assert.equal(cookieValue(['a=1'], 'jwt'), undefined);
  });

  test('Bearer pattern: unanchored, case of the B either way, at least one space', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('  bearer   abc def'), 'abc def');
    assert.equal(bearerToken('Bearerabc'), undefined);
    assert.equal(bearerToken('BEARER abc'), undefined);
  });
});
