import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type http from 'node:http';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const GUEST = '33333333-3333-4333-8333-333333333333';

const DIGEST: Record<string, string> = { 'hmac-sha1': 'sha1', 'hmac-sha256': 'sha256', 'hmac-sha384': 'sha384', 'hmac-sha512': 'sha512' };
const NOT_VALID = 'HMAC signature cannot be verified';
const NOT_SAME = 'HMAC signature does not match';
const NEED_DATE = 'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication';

function echoBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => res.end(`body:${Buffer.concat(chunks).toString()}`));
}

const httpDate = (offset = 0) => new Date(Date.now() + offset * 1000).toUTCString();
function authorization(signing: string, headers: string, algorithm = 'hmac-sha256', secret = 'alice-secret', username = 'alice-hmac'): string {
  const signature = createHmac(DIGEST[algorithm], secret).update(signing).digest('base64');
  return `hmac username="${username}", algorithm="${algorithm}", headers="${headers}", signature="${signature}"`;
}
/** Headers of a request signed over its Date. */
function dated(o: { algorithm?: string; date?: string; secret?: string } = {}): Record<string, string> {
  const date = o.date ?? httpDate();
  return { date, authorization: authorization(`date: ${date}`, 'date', o.algorithm, o.secret) };
}

describe('hmac-auth through the real gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    up = await startEcho('up', echoBody);
    const route = (name: string, config = '{}') => `      - { name: ${name}, paths: [/${name}], plugins: [{ name: hmac-auth, config: ${config} }] }`;
    gw = await startTestGateway(`
_format_version: "3.0"
consumers:
  - id: ${ALICE}
    username: alice
    hmacauth_credentials:
      - { username: alice-hmac, secret: alice-secret }
  - id: ${GUEST}
    username: guest
services:
  - name: svc
    url: http://127.0.0.1:${up.port}
    routes:
${route('plain')}
${route('realm', '{ realm: kong-api }')}
${route('enforce', '{ enforce_headers: [date, "@request-target"] }')}
${route('body', '{ validate_request_body: true }')}
${route('hide', '{ hide_credentials: true }')}
${route('sha256', '{ algorithms: [hmac-sha256] }')}
${route('skew', '{ clock_skew: 10 }')}
${route('anon', '{ anonymous: guest }')}
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  async function call(path: string, headers: Record<string, string> = {}, body?: string | Buffer) {
    const res = await request(`${gw.proxy}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  }
  const lastSeen = () => up.seen[up.seen.length - 1];

  /** kong.response.error 401 in JSON (no Accept header), with the hmac challenge. */
  function assertError(r: Awaited<ReturnType<typeof call>>, message: string, www = 'hmac') {
    assert.equal(r.status, 401);
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.body, `{\n  "message":"${message}",\n  "request_id":"${r.headers['x-kong-request-id']}"\n}`);
    assert.equal(r.headers['www-authenticate'], www);
  }

  test('no Authorization: 401 Unauthorized with WWW-Authenticate: hmac (realm when set)', async () => {
    assertError(await call('/plain'), 'Unauthorized');
    assertError(await call('/realm'), 'Unauthorized', 'hmac realm="kong-api"');
    assertError(await call('/realm', { authorization: 'hmac x' }), NEED_DATE, 'hmac realm="kong-api"');
  });

  test('every algorithm signs; the consumer headers reach the upstream; X-Credential-Identifier = username', async () => {
    for (const algorithm of Object.keys(DIGEST)) {
      const r = await call('/plain', { ...dated({ algorithm }), 'x-anonymous-consumer': 'true' });
      assert.equal(r.status, 200, algorithm);
      const seen = lastSeen().headers;
      assert.equal(seen['x-consumer-id'], ALICE);
      assert.equal(seen['x-consumer-username'], 'alice');
      assert.equal(seen['x-credential-identifier'], 'alice-hmac');
      assert.equal(seen['x-anonymous-consumer'], undefined);
      assert.ok(String(seen['authorization']).startsWith('hmac username="alice-hmac"'));
    }
    assertError(await call('/sha256', dated({ algorithm: 'hmac-sha1' })), NOT_VALID);
    assert.equal((await call('/sha256', dated({ algorithm: 'hmac-sha256' }))).status, 200);
  });

  test('clock skew: missing, stale or future dates are refused; X-Date works in place of Date', async () => {
    assertError(await call('/plain', { authorization: authorization('', 'x') }), NEED_DATE);
    assertError(await call('/plain', dated({ date: httpDate(-400) })), NEED_DATE);
    assertError(await call('/plain', dated({ date: httpDate(400) })), NEED_DATE);
    assertError(await call('/skew', dated({ date: httpDate(-30) })), NEED_DATE);
    assert.equal((await call('/skew', dated({ date: httpDate(-5) }))).status, 200);
    const x = httpDate();
    assert.equal((await call('/plain', { 'x-date': x, authorization: authorization(`x-date: ${x}`, 'x-date') })).status, 200);
  });

  test('wrong secret: "does not match"; unknown user or malformed header: "cannot be verified"', async () => {
    assertError(await call('/plain', dated({ secret: 'wrong' })), NOT_SAME);
    const date = httpDate();
    assertError(await call('/plain', { date, authorization: authorization(`date: ${date}`, 'date', 'hmac-sha256', 'alice-secret', 'nobody') }), NOT_VALID);
    assertError(await call('/plain', { date, authorization: 'hmac username="alice-hmac"' }), NOT_VALID);
  });

  test('@request-target and request-line sign the method, path and query as sent', async () => {
    const date = httpDate();
    const signing = `@request-target: get /plain/x?a=1&b=%20\nGET /plain/x?a=1&b=%20 HTTP/1.1\ndate: ${date}`;
    const headers = { date, authorization: authorization(signing, '@request-target request-line date') };
    assert.equal((await call('/plain/x?a=1&b=%20', headers)).status, 200);
    assertError(await call('/plain/x?a=2&b=%20', headers), NOT_SAME);
  });

  test('enforce_headers: the signature must cover each of them', async () => {
    assertError(await call('/enforce', dated()), NOT_VALID);
    const date = httpDate();
    const signing = `date: ${date}\n@request-target: get /enforce`;
    assert.equal((await call('/enforce', { date, authorization: authorization(signing, 'date @request-target') })).status, 200);
  });

  test('validate_request_body: the Digest must be the body\'s SHA-256; the body still reaches the upstream', async () => {
    const digest = (b: string | Buffer) => `SHA-256=${createHash('sha256').update(b).digest('base64')}`;
    const ok = await call('/body', { ...dated(), digest: digest('{"a":1}'), 'content-type': 'application/json' }, '{"a":1}');
    assert.equal(ok.status, 200);
    assert.equal(ok.body, 'body:{"a":1}');
    assertError(await call('/body', { ...dated(), digest: digest('other') }, '{"a":1}'), NOT_SAME);
    assertError(await call('/body', dated(), '{"a":1}'), NOT_SAME);
    assert.equal((await call('/body', dated())).status, 200, 'no body, no digest');
    const big = Buffer.alloc(9000, 0x61);
    assertError(await call('/body', { ...dated(), digest: digest(big) }, big), NOT_SAME);
  });

  test('hide_credentials: the Authorization header is not sent upstream', async () => {
    assert.equal((await call('/hide', { ...dated(), 'x-other': '1' })).status, 200);
    assert.equal(lastSeen().headers['authorization'], undefined);
    assert.equal(lastSeen().headers['x-other'], '1');
  });

  test('anonymous: a failed signature goes upstream as the anonymous consumer', async () => {
    assert.equal((await call('/anon', dated({ secret: 'wrong' }))).status, 200);
    const seen = lastSeen().headers;
    assert.equal(seen['x-consumer-id'], GUEST);
    assert.equal(seen['x-anonymous-consumer'], 'true');
    assert.equal(seen['x-credential-identifier'], undefined);
    assert.equal((await call('/anon', dated())).status, 200);
    assert.equal(lastSeen().headers['x-consumer-id'], ALICE);
  });
});
