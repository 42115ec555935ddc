import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cors, luaNumber } from './handler.js';
import { normalizeOrigin } from './origins.js';
import { access, loadFixture, responseHeaders } from '../ip-restriction/handler-test-kit.js';

const fixture = (config = '{}') => loadFixture(cors, `_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:9/
    routes:
      - name: r
        paths: [/]
        plugins:
          - name: cors
            config: ${config}
`);

const METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT';

type Pairs = [string, string][];
const preflight = (origin: string, extra: Pairs = []) => ({
  method: 'OPTIONS',
  headers: [['origin', origin], ['access-control-request-method', 'GET'], ...extra] as Pairs,
});

/** The preflight answer's headers as an object (names as the plugin writes them). */
async function preflightHeaders(config: string, origin: string, extra: Pairs = []): Promise<Record<string, string>> {
  const { result } = await access(fixture(config), preflight(origin, extra));
  assert.ok(result && result.kind === 'exit', 'answered locally');
  assert.equal(result.status, 200);
  assert.equal(result.body, undefined, 'no body');
  return Object.fromEntries(result.headers ?? []);
}

/** A non-preflight request through access and the header phase. */
async function actual(config: string, headers: Pairs, upstream: Pairs = [], method = 'GET'): Promise<Pairs> {
  const f = fixture(config);
  const { result, ctx } = await access(f, { method, headers });
  assert.equal(result, undefined, 'proxied');
  return responseHeaders(f, ctx, 200, upstream);
}

describe('cors handler: preflight', () => {
  test('priority and name are Kong\'s', () => {
    assert.equal(cors.name, 'cors');
    assert.equal(cors.priority, 2000);
  });

  test('no origins configured: ACAO *, every method, no Vary, empty 200', async () => {
    assert.deepEqual(await preflightHeaders('{}', 'http://example.com'), {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': METHODS,
    });
  });

  test('Access-Control-Allow-Headers: the configured list, else the requested headers', async () => {
    const echoed = await preflightHeaders('{}', 'http://x.com', [['access-control-request-headers', 'X-One, X-Two']]);
    assert.equal(echoed['Access-Control-Allow-Headers'], 'X-One, X-Two');
    const configured = await preflightHeaders('{ headers: [X-A, X-B] }', 'http://x.com', [['access-control-request-headers', 'X-One']]);
    assert.equal(configured['Access-Control-Allow-Headers'], 'X-A,X-B');
    const repeated = await preflightHeaders('{}', 'http://x.com', [['access-control-request-headers', 'X-One'], ['access-control-request-headers', 'X-Two']]);
    assert.equal(repeated['Access-Control-Allow-Headers'], 'X-One, X-Two', 'repeated lines joined as nginx does');
  });

  test('methods, max_age, private network', async () => {
    const h = await preflightHeaders('{ methods: [GET, POST], max_age: 3600, private_network: true }', 'http://x.com',
      [['access-control-request-private-network', 'true']]);
    assert.equal(h['Access-Control-Allow-Methods'], 'GET,POST');
    assert.equal(h['Access-Control-Max-Age'], '3600');
    assert.equal(h['Access-Control-Allow-Private-Network'], 'true');
    const noAsk = await preflightHeaders('{ private_network: true }', 'http://x.com');
    assert.equal(noAsk['Access-Control-Allow-Private-Network'], undefined);
    const off = await preflightHeaders('{}', 'http://x.com', [['access-control-request-private-network', 'true']]);
    assert.equal(off['Access-Control-Allow-Private-Network'], undefined);
  });

  test('one literal origin is sent as configured, whatever the request Origin (Vary: Origin)', async () => {
    const h = await preflightHeaders('{ origins: ["http://example.com"] }', 'http://other.org');
    assert.equal(h['Access-Control-Allow-Origin'], 'http://example.com');
    assert.equal(h.Vary, 'Origin');
  });

  test('a list of literal origins: the normalized request origin when it is listed', async () => {
    const config = '{ origins: ["http://a.com", "https://b.com:8443", "https://c.com:443"] }';
    assert.equal((await preflightHeaders(config, 'http://a.com'))['Access-Control-Allow-Origin'], 'http://a.com');
    assert.equal((await preflightHeaders(config, 'http://a.com:80'))['Access-Control-Allow-Origin'], 'http://a.com', 'default port dropped');
    assert.equal((await preflightHeaders(config, 'https://b.com:8443'))['Access-Control-Allow-Origin'], 'https://b.com:8443');
    assert.equal((await preflightHeaders(config, 'https://c.com'))['Access-Control-Allow-Origin'], 'https://c.com');
    const miss = await preflightHeaders(config, 'https://a.com');
    assert.equal(miss['Access-Control-Allow-Origin'], undefined, 'no match: no ACAO');
    assert.equal(miss.Vary, 'Origin');
  });

  test('regex origins: anchored (a `$` added), hosts only for entries without `:`', async () => {
    const byHost = '{ origins: ["(.*[.])?example\\\\.com", "http://literal.org"] }';
    assert.equal((await preflightHeaders(byHost, 'https://api.example.com:8443'))['Access-Control-Allow-Origin'], 'https://api.example.com:8443');
    assert.equal((await preflightHeaders(byHost, 'http://example.com'))['Access-Control-Allow-Origin'], 'http://example.com');
    assert.equal((await preflightHeaders(byHost, 'http://example.com.evil.org'))['Access-Control-Allow-Origin'], undefined);
    assert.equal((await preflightHeaders(byHost, 'http://notexample.com'))['Access-Control-Allow-Origin'], undefined);
    const withScheme = '{ origins: ["^https://.*\\\\.example\\\\.com$", "http://x"] }';
    assert.equal((await preflightHeaders(withScheme, 'https://a.example.com'))['Access-Control-Allow-Origin'], 'https://a.example.com');
    assert.equal((await preflightHeaders(withScheme, 'http://a.example.com'))['Access-Control-Allow-Origin'], undefined);
    const single = '{ origins: ["https?://localhost(:\\\\d+)?"] }';
    assert.equal((await preflightHeaders(single, 'http://localhost:3000'))['Access-Control-Allow-Origin'], 'http://localhost:3000');
    assert.equal((await preflightHeaders(single, 'http://localhost:3000.evil'))['Access-Control-Allow-Origin'], undefined);
  });

  test('a `*` among other origins allows all', async () => {
    const h = await preflightHeaders('{ origins: ["http://a.com", "*"] }', 'http://z.com');
    assert.equal(h['Access-Control-Allow-Origin'], '*');
    assert.equal(h.Vary, 'Origin');
  });

  test('credentials with `*`: the request Origin is sent back with ACAC true and Vary', async () => {
    const h = await preflightHeaders('{ credentials: true }', 'http://Client.example:8080');
    assert.equal(h['Access-Control-Allow-Origin'], 'http://Client.example:8080');
    assert.equal(h['Access-Control-Allow-Credentials'], 'true');
    assert.equal(h.Vary, 'Origin');
  });

  test('credentials with a list: ACAC true, also when the origin does not match', async () => {
    const ok = await preflightHeaders('{ origins: ["http://a.com", "http://b.com"], credentials: true }', 'http://b.com');
    assert.equal(ok['Access-Control-Allow-Origin'], 'http://b.com');
    assert.equal(ok['Access-Control-Allow-Credentials'], 'true');
    const miss = await preflightHeaders('{ origins: ["http://a.com", "http://b.com"], credentials: true }', 'http://c.com');
    assert.equal(miss['Access-Control-Allow-Origin'], undefined);
    assert.equal(miss['Access-Control-Allow-Credentials'], 'true');
  });

  test('preflight_continue: proxied, and no CORS header is added to the answer', async () => {
    const f = fixture('{ preflight_continue: true }');
    const { result, ctx } = await access(f, preflight('http://a.com'));
    assert.equal(result, undefined);
    assert.deepEqual(responseHeaders(f, ctx, 204, [['Allow', 'GET']]), [['Allow', 'GET']]);
  });

  test('not a preflight: OPTIONS without Access-Control-Request-Method, or without Origin', async () => {
    const f = fixture();
    assert.equal((await access(f, { method: 'OPTIONS', headers: [['origin', 'http://a.com']] })).result, undefined);
    assert.equal((await access(f, { method: 'OPTIONS', headers: [['access-control-request-method', 'GET']] })).result, undefined);
    assert.equal((await access(f, { method: 'GET', headers: [['origin', 'http://a.com'], ['access-control-request-method', 'GET']] })).result, undefined);
  });
});

describe('cors handler: other responses (header phase)', () => {
  test('no origins: ACAO * added to the response', async () => {
    assert.deepEqual(await actual('{}', [['origin', 'http://a.com']], [['Content-Type', 'text/plain']]),
      [['Content-Type', 'text/plain'], ['Access-Control-Allow-Origin', '*']]);
  });

  test('matched origin: ACAO replaces the upstream\'s, Vary: Origin is appended to the upstream Vary', async () => {
    const headers = await actual('{ origins: ["http://a.com", "http://b.com"] }', [['origin', 'http://b.com']],
      [['Vary', 'Accept-Encoding'], ['access-control-allow-origin', 'http://upstream.example']]);
    assert.deepEqual(headers, [['Vary', 'Accept-Encoding'], ['Vary', 'Origin'], ['Access-Control-Allow-Origin', 'http://b.com']]);
  });

  test('unmatched origin: the upstream\'s ACAO is removed', async () => {
    const headers = await actual('{ origins: ["http://a.com", "http://b.com"] }', [['origin', 'http://c.com']],
      [['Access-Control-Allow-Origin', '*']]);
    assert.deepEqual(headers, [['Vary', 'Origin']]);
  });

  test('credentials and exposed headers', async () => {
    const headers = await actual('{ origins: ["http://a.com"], credentials: true, exposed_headers: [X-Total, X-Page] }', [['origin', 'http://a.com']]);
    assert.deepEqual(headers, [
      ['Vary', 'Origin'],
      ['Access-Control-Allow-Origin', 'http://a.com'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Expose-Headers', 'X-Total,X-Page'],
    ]);
    const star = await actual('{ credentials: true }', [['origin', 'http://a.com']]);
    assert.deepEqual(star, [['Vary', 'Origin'], ['Access-Control-Allow-Origin', 'http://a.com'], ['Access-Control-Allow-Credentials', 'true']]);
  });

  test('no Origin: headers added unless allow_origin_absent is false', async () => {
    assert.deepEqual(await actual('{}', []), [['Access-Control-Allow-Origin', '*']]);
    assert.deepEqual(await actual('{ credentials: true }', []), [['Access-Control-Allow-Origin', '*']], 'no origin to send back: ACAC left out');
    assert.deepEqual(await actual('{ origins: ["http://a.com", "http://b.com"] }', []), [['Vary', 'Origin']]);
    assert.deepEqual(await actual('{ origins: ["http://a.com"] }', []), [['Vary', 'Origin'], ['Access-Control-Allow-Origin', 'http://a.com']]);
    assert.deepEqual(await actual('{ allow_origin_absent: false, exposed_headers: [X-A] }', [], [['X-Up', '1']]), [['X-Up', '1']]);
  });

  test('OPTIONS that is not a preflight gets the headers of an actual request', async () => {
    assert.deepEqual(await actual('{ origins: ["http://a.com"] }', [['origin', 'http://a.com']], [], 'OPTIONS'),
      [['Vary', 'Origin'], ['Access-Control-Allow-Origin', 'http://a.com']]);
  });
});

describe('cors helpers', () => {
  test('origins normalized as LuaSocket url.parse reads them', () => {
    assert.deepEqual(normalizeOrigin('http://a.com:80'), { domain: 'http://a.com', host: 'a.com' });
    assert.deepEqual(normalizeOrigin('https://a.com:443'), { domain: 'https://a.com', host: 'a.com' });
    assert.deepEqual(normalizeOrigin('https://a.com:80'), { domain: 'https://a.com:80', host: 'a.com' });
    assert.deepEqual(normalizeOrigin('http://user@a.com:8080'), { domain: 'http://a.com:8080', host: 'a.com' });
    assert.deepEqual(normalizeOrigin('http://[::1]:8080'), { domain: 'http://::1:8080', host: '::1' });
    assert.deepEqual(normalizeOrigin('null'), { domain: 'null', host: 'null' });
    assert.deepEqual(normalizeOrigin('a.com'), { domain: 'a.com', host: 'a.com' });
  });

  test('max_age written as Lua tostring', () => {
    assert.equal(luaNumber(3600), '3600');
    assert.equal(luaNumber(1.5), '1.5');
    assert.equal(luaNumber(1e15), '1e+15');
  });
});
