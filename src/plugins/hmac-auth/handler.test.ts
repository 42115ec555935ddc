import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { hmacAuth } from './handler.js';
import { parseHttpTime } from './http-time.js';
import { fixture, runAccess, type Fixture, type HeadOptions } from '../jwt/handler-test-kit.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const GUEST = '33333333-3333-4333-8333-333333333333';
const CRED = 'aaaaaaaa-0000-4000-8000-000000000001';

const CONSUMERS = `
consumers:
  - id: ${ALICE}
    username: alice
    hmacauth_credentials:
      - { id: ${CRED}, username: alice-hmac, secret: alice-secret }
  - id: ${GUEST}
    username: guest
`;

const fixtures = new Map<string, Fixture>();
function plugin(config = '{}'): Fixture {
  let f = fixtures.get(config);
  if (!f) fixtures.set(config, (f = fixture(hmacAuth, CONSUMERS, config)));
  return f;
}

const DIGEST: Record<string, string> = { 'hmac-sha1': 'sha1', 'hmac-sha256': 'sha256', 'hmac-sha384': 'sha384', 'hmac-sha512': 'sha512' };
const httpDate = (offsetSeconds = 0) => new Date(Date.now() + offsetSeconds * 1000).toUTCString();

function authorization(signingString: string, o: { headers: string; algorithm?: string; username?: string; secret?: string }): string {
  const algorithm = o.algorithm ?? 'hmac-sha256';
  const signature = createHmac(DIGEST[algorithm], o.secret ?? 'alice-secret').update(signingString).digest('base64');
  return `hmac username="${o.username ?? 'alice-hmac'}", algorithm="${algorithm}", headers="${o.headers}", signature="${signature}"`;
}

/** A request signed over its Date header only. */
function dated(o: { algorithm?: string; date?: string; secret?: string; extra?: [string, string][] } = {}): HeadOptions {
  const date = o.date ?? httpDate();
  return { headers: [['date', date], ['authorization', authorization(`date: ${date}`, { headers: 'date', ...o })], ...(o.extra ?? [])] };
}

const unauthorized = (message: string, www = 'hmac') => ({ kind: 'error', status: 401, message, headers: [['WWW-Authenticate', www]] });
const NOT_VALID = 'HMAC signature cannot be verified';
const NOT_SAME = 'HMAC signature does not match';
const NEED_DATE = 'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication';

describe('hmac-auth handler (real context, real loaded config)', () => {
  test('a valid signature over Date: consumer, X-Credential-Identifier = username, headers kept', async () => {
    const o = dated({ extra: [['x-anonymous-consumer', 'true']] });
    const { ctx, reply, upstream } = await runAccess(plugin(), o);
    assert.equal(reply, undefined);
    assert.equal(ctx.consumer?.id, ALICE);
    assert.deepEqual(ctx.credential, { id: CRED, identifier: 'alice-hmac' });
    assert.equal(upstream.get('x-consumer-id'), ALICE);
    assert.equal(upstream.get('x-consumer-username'), 'alice');
    assert.equal(upstream.get('x-credential-identifier'), 'alice-hmac');
    assert.equal(upstream.has('x-anonymous-consumer'), false);
    assert.ok(upstream.get('authorization')?.startsWith('hmac '));
  });

  test('every algorithm verifies; one left out of config.algorithms is "cannot be verified"', async () => {
    for (const algorithm of Object.keys(DIGEST)) assert.equal((await runAccess(plugin(), dated({ algorithm }))).reply, undefined, algorithm);
    const only256 = plugin('{ algorithms: [hmac-sha256] }');
    assert.equal((await runAccess(only256, dated({ algorithm: 'hmac-sha256' }))).reply, undefined);
    assert.deepEqual((await runAccess(only256, dated({ algorithm: 'hmac-sha1' }))).reply, unauthorized(NOT_VALID));
  });

  test('no Authorization / Proxy-Authorization: 401 Unauthorized, WWW-Authenticate: hmac (realm when set)', async () => {
    assert.deepEqual((await runAccess(plugin(), { headers: [['date', httpDate()]] })).reply, unauthorized('Unauthorized'));
    assert.deepEqual((await runAccess(plugin('{ realm: api }'))).reply, unauthorized('Unauthorized', 'hmac realm="api"'));
  });

  test('date: missing, unparsable or beyond clock_skew is refused; X-Date is tried first, then Date', async () => {
    const auth: [string, string] = ['authorization', 'hmac username="x"'];
    assert.deepEqual((await runAccess(plugin(), { headers: [auth] })).reply, unauthorized(NEED_DATE));
    assert.deepEqual((await runAccess(plugin(), { headers: [auth, ['date', 'yesterday']] })).reply, unauthorized(NEED_DATE));
    assert.deepEqual((await runAccess(plugin(), { headers: [auth, ['date', httpDate(-301)]] })).reply, unauthorized(NEED_DATE));
    assert.deepEqual((await runAccess(plugin(), { headers: [auth, ['date', httpDate(301)]] })).reply, unauthorized(NEED_DATE));
    assert.deepEqual((await runAccess(plugin('{ clock_skew: 10 }'), dated({ date: httpDate(-20) }))).reply, unauthorized(NEED_DATE));
    assert.equal((await runAccess(plugin(), dated({ date: httpDate(-290) }))).reply, undefined);
    // a stale Date is fine when X-Date is valid; an invalid X-Date falls back to Date
    const xdate = httpDate();
    const signed = { headers: [['x-date', xdate], ['date', httpDate(-9999)], ['authorization', authorization(`x-date: ${xdate}`, { headers: 'x-date' })]] as [string, string][] };
    assert.equal((await runAccess(plugin(), signed)).reply, undefined);
    const o = dated();
    o.headers!.push(['x-date', 'bogus']);
    assert.equal((await runAccess(plugin(), o)).reply, undefined);
  });

  test('unparsable Authorization, unknown username: "cannot be verified"; wrong secret or bad base64: "does not match"', async () => {
    const date: [string, string] = ['date', httpDate()];
    assert.deepEqual((await runAccess(plugin(), { headers: [date, ['authorization', 'hmac foo']] })).reply, unauthorized(NOT_VALID));
    assert.deepEqual((await runAccess(plugin(), { headers: [date, ['authorization', authorization(`date: ${date[1]}`, { headers: 'date', username: 'nobody' })]] })).reply,
      unauthorized(NOT_VALID));
    assert.deepEqual((await runAccess(plugin(), dated({ secret: 'wrong' }))).reply, unauthorized(NOT_SAME));
    const bad = `hmac username="alice-hmac", algorithm="hmac-sha256", headers="date", signature="***"`;
    assert.deepEqual((await runAccess(plugin(), { headers: [date, ['authorization', bad]] })).reply, unauthorized(NOT_SAME));
  });

  test('signing string: @request-target, request-line, header names as written, an absent header as "name:"', async () => {
    const date = httpDate();
    const signing = [
      '@request-target: post /p/a%20th?x=1&y',
      'POST /p/a%20th?x=1&y HTTP/1.1',
      `Date: ${date}`,
      'x-missing:',
      'content-md5: abc',
    ].join('\n');
    const headers = '@request-target request-line Date x-missing content-md5';
    const o: HeadOptions = {
      method: 'POST', path: '/p/a%20th', query: 'x=1&y',
      headers: [['date', date], ['content-md5', 'abc'], ['authorization', authorization(signing, { headers })]],
    };
    assert.equal((await runAccess(plugin(), o)).reply, undefined);
    // the same signature for another path no longer matches
    assert.deepEqual((await runAccess(plugin(), { ...o, path: '/p/other' })).reply, unauthorized(NOT_SAME));
  });

  test('enforce_headers: a required header left out of the signature is "cannot be verified"', async () => {
    const f = plugin('{ enforce_headers: [date, "@request-target"] }');
    assert.deepEqual((await runAccess(f, dated())).reply, unauthorized(NOT_VALID));
    const date = httpDate();
    const signing = `date: ${date}\n@request-target: get /anything`;
    const ok = await runAccess(f, { headers: [['date', date], ['authorization', authorization(signing, { headers: 'date @request-target' })]] });
    assert.equal(ok.reply, undefined);
  });

  test('Proxy-Authorization is read first; hide_credentials removes the header that was used', async () => {
    const date = httpDate();
    const auth = authorization(`date: ${date}`, { headers: 'date' });
    const viaProxy = await runAccess(plugin('{ hide_credentials: true }'), { headers: [['date', date], ['proxy-authorization', auth], ['authorization', 'Basic x']] });
    assert.equal(viaProxy.reply, undefined);
    assert.equal(viaProxy.upstream.has('proxy-authorization'), false);
    assert.equal(viaProxy.upstream.get('authorization'), 'Basic x');
    const viaAuth = await runAccess(plugin('{ hide_credentials: true }'), { headers: [['date', date], ['authorization', auth]] });
    assert.equal(viaAuth.reply, undefined);
    assert.equal(viaAuth.upstream.has('authorization'), false);
    const kept = await runAccess(plugin(), { headers: [['date', date], ['authorization', auth]] });
    assert.equal(kept.upstream.get('authorization'), auth);
  });

  test('validate_request_body: Digest SHA-256 of the body; no Digest only with no body; over 8k never matches', async () => {
    const f = plugin('{ validate_request_body: true }');
    const digest = (b: string | Buffer) => `SHA-256=${createHash('sha256').update(b).digest('base64')}`;
    const withBody = (body: string | Buffer, d?: string, chunked = false): HeadOptions => {
      const o = dated({ extra: d === undefined ? [] : [['digest', d]] });
      return { ...o, method: 'POST', body, chunked };
    };
    const ok = await runAccess(f, withBody('{"a":1}', digest('{"a":1}')));
    assert.equal(ok.reply, undefined);
    assert.equal(ok.ctx.body?.toString(), '{"a":1}', 'the body read is what goes upstream');
    assert.deepEqual((await runAccess(f, withBody('{"a":1}', digest('{"a":2}')))).reply, unauthorized(NOT_SAME));
    assert.deepEqual((await runAccess(f, withBody('{"a":1}'))).reply, unauthorized(NOT_SAME));
    assert.equal((await runAccess(f, dated())).reply, undefined, 'no body, no digest');
    assert.equal((await runAccess(f, dated({ extra: [['digest', digest('')]] }))).reply, undefined);
    assert.equal((await runAccess(f, withBody('chunked', digest('chunked'), true))).reply, undefined);
    const big = Buffer.alloc(8193, 0x61);
    assert.deepEqual((await runAccess(f, withBody(big, digest(big)))).reply, unauthorized(NOT_SAME));
    assert.deepEqual((await runAccess(f, withBody(big, digest(big), true))).reply, unauthorized(NOT_SAME));
    const fits = Buffer.alloc(8192, 0x61);
    assert.equal((await runAccess(f, withBody(fits, digest(fits)))).reply, undefined);
  });

  test('anonymous: a failure attaches the anonymous consumer (X-Anonymous-Consumer), a missing one is a 500', async () => {
    const { ctx, reply, upstream } = await runAccess(plugin('{ anonymous: guest }'), dated({ secret: 'wrong' }));
    assert.equal(reply, undefined);
    assert.equal(ctx.consumer?.id, GUEST);
    assert.equal(ctx.credential, null);
    assert.equal(upstream.get('x-anonymous-consumer'), 'true');
    assert.equal(upstream.has('x-credential-identifier'), false);
    assert.deepEqual((await runAccess(plugin('{ anonymous: ghost }'))).reply,
      { kind: 'error', status: 500, message: "anonymous consumer ghost is configured but doesn't exist" });
    // already authenticated by an earlier plugin: nothing to do
    const or = plugin(`{ anonymous: "${GUEST}" }`);
    const r = await runAccess(or, {}, (c) => c.authenticate(or.consumers.byId(ALICE)!, { id: 'k', identifier: 'k' }));
    assert.equal(r.reply, undefined);
    assert.equal(r.ctx.credential?.id, 'k');
    // logical AND: it still answers
    const and = plugin();
    assert.deepEqual((await runAccess(and, {}, (c) => c.authenticate(and.consumers.byId(ALICE)!, { id: 'k', identifier: 'k' }))).reply, unauthorized('Unauthorized'));
  });
});

describe('ngx.parse_http_time', () => {
  test('RFC 1123, RFC 850 and asctime forms; the zone is not read; invalid dates are null', () => {
    assert.equal(parseHttpTime('Sun, 06 Nov 1994 08:49:37 GMT'), 784111777);
    assert.equal(parseHttpTime('Sunday, 06-Nov-94 08:49:37 GMT'), 784111777);
    assert.equal(parseHttpTime('Sun Nov  6 08:49:37 1994'), 784111777);
    assert.equal(parseHttpTime('Sun, 06 Nov 1994 08:49:37 +0200'), 784111777);
    assert.equal(parseHttpTime('Thu, 29 Feb 2024 00:00:00 GMT'), Date.UTC(2024, 1, 29) / 1000);
    assert.equal(parseHttpTime('Wed, 29 Feb 2023 00:00:00 GMT'), null);
    assert.equal(parseHttpTime('Sun, 06 Nov 1994 24:00:00 GMT'), null);
    assert.equal(parseHttpTime('2024-01-01T00:00:00Z'), null);
  });
});
