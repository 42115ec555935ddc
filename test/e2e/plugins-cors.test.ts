import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT';

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** every header line as received: [lower-case name, value] */
  lines: [string, string][];
  body: string;
}

function send(url: string, method: string, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    http.request(url, { method, headers, agent: false }, (res) => {
      let body = '';
      const lines: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, lines, body }));
    }).on('error', reject).end();
  });
}

const all = (s: Sent, name: string) => s.lines.filter(([n]) => n === name).map(([, v]) => v);
const CORS_NAMES = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-headers',
  'access-control-allow-methods', 'access-control-max-age', 'access-control-expose-headers', 'access-control-allow-private-network'];
const corsHeaders = (s: Sent) => Object.fromEntries(s.lines.filter(([n]) => CORS_NAMES.includes(n)));

describe('cors through the gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    // The upstream sends its own Vary and Access-Control-Allow-Origin, and answers OPTIONS itself.
    up = await startEcho('up', (req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Access-Control-Allow-Origin', 'http://from-upstream.example');
        if (req.method === 'OPTIONS') res.setHeader('Allow', 'GET, OPTIONS');
        res.end(`up ${req.method}`);
      });
    });
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:${up.port}
    routes:
      - name: open
        paths: [/open]
        plugins: [{ name: cors }]
      - name: one
        paths: [/one]
        plugins: [{ name: cors, config: { origins: ["http://example.com"] } }]
      - name: list
        paths: [/list]
        plugins:
          - name: cors
            config:
              origins: ["http://a.example", "https://b.example:8443", "(.*[.])?regex\\\\.example", "^https://.*\\\\.scheme\\\\.example$"]
              headers: [X-Custom, Authorization]
              exposed_headers: [X-Total, X-Page]
              methods: [GET, POST]
              max_age: 3600
              credentials: true
              private_network: true
      - name: star-credentials
        paths: [/star-credentials]
        plugins: [{ name: cors, config: { credentials: true } }]
      - name: continue
        paths: [/continue]
        plugins: [{ name: cors, config: { preflight_continue: true } }]
      - name: absent
        paths: [/absent]
        plugins: [{ name: cors, config: { origins: ["http://a.example"], allow_origin_absent: false } }]
      - name: terminated
        paths: [/terminated]
        plugins:
          - { name: cors, config: { origins: ["http://a.example", "http://b.example"] } }
          - { name: request-termination, config: { status_code: 403, message: closed } }
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  const preflight = (path: string, origin: string, extra: Record<string, string> = {}) =>
    send(`${gw.proxy}${path}`, 'OPTIONS', { origin, 'access-control-request-method': 'POST', ...extra });

  test('preflight with no origins configured: 200, empty body, ACAO *, all methods; the upstream is not called', async () => {
    const before = up.seen.length;
    const res = await preflight('/open', 'http://anywhere.example', { 'access-control-request-headers': 'X-A, X-B' });
    assert.equal(res.status, 200);
    assert.equal(res.body, '');
    assert.equal(res.headers['content-length'], '0');
    assert.deepEqual(corsHeaders(res), {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'X-A, X-B',
      'access-control-allow-methods': METHODS,
    });
    assert.deepEqual(all(res, 'vary'), []);
    assert.match(res.headers['x-kong-request-id'] as string, /^[0-9a-f]{32}$/);
    assert.equal(up.seen.length, before);
  });

  test('preflight with a single literal origin: sent as configured, Vary: Origin', async () => {
    const res = await preflight('/one', 'http://other.example');
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://example.com');
    assert.deepEqual(all(res, 'vary'), ['Origin']);
  });

  test('preflight with a list: credentials, headers, methods, max age, private network', async () => {
    const res = await preflight('/list', 'https://b.example:8443', { 'access-control-request-private-network': 'true', 'access-control-request-headers': 'X-Ignored' });
    assert.equal(res.status, 200);
    assert.equal(res.body, '');
    assert.deepEqual(corsHeaders(res), {
      'access-control-allow-origin': 'https://b.example:8443',
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'X-Custom,Authorization',
      'access-control-allow-methods': 'GET,POST',
      'access-control-max-age': '3600',
      'access-control-allow-private-network': 'true',
    });
    assert.deepEqual(all(res, 'vary'), ['Origin']);
  });

  test('origins: default ports dropped, regexes anchored, host-only regexes', async () => {
    const acao = async (origin: string) => (await preflight('/list', origin)).headers['access-control-allow-origin'];
    assert.equal(await acao('http://a.example:80'), 'http://a.example');
    assert.equal(await acao('http://a.example:8080'), undefined);
    assert.equal(await acao('https://api.regex.example:9443'), 'https://api.regex.example:9443');
    assert.equal(await acao('http://regex.example'), 'http://regex.example');
    assert.equal(await acao('http://regex.example.evil.org'), undefined);
    assert.equal(await acao('https://x.scheme.example'), 'https://x.scheme.example');
    assert.equal(await acao('http://x.scheme.example'), undefined);
    const miss = await preflight('/list', 'http://nope.example');
    assert.equal(miss.status, 200);
    assert.equal(miss.headers['access-control-allow-origin'], undefined);
    assert.equal(miss.headers['access-control-allow-credentials'], 'true');
  });

  test('credentials with `*`: the request Origin is sent back', async () => {
    const res = await preflight('/star-credentials', 'http://Client.example:3000');
    assert.equal(res.headers['access-control-allow-origin'], 'http://Client.example:3000');
    assert.equal(res.headers['access-control-allow-credentials'], 'true');
    assert.deepEqual(all(res, 'vary'), ['Origin']);
  });

  test('preflight_continue: the upstream answers, no CORS header is added', async () => {
    const res = await preflight('/continue', 'http://a.example');
    assert.equal(res.status, 200);
    assert.equal(res.body, 'up OPTIONS');
    assert.equal(res.headers['allow'], 'GET, OPTIONS');
    assert.deepEqual(all(res, 'access-control-allow-origin'), ['http://from-upstream.example']);
    assert.deepEqual(all(res, 'vary'), ['Accept-Encoding']);
  });

  test('actual request: ACAO replaces the upstream\'s, Vary: Origin appended, exposed headers, credentials', async () => {
    const res = await send(`${gw.proxy}/list`, 'GET', { origin: 'http://a.example' });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'up GET');
    assert.deepEqual(all(res, 'access-control-allow-origin'), ['http://a.example']);
    assert.deepEqual(all(res, 'access-control-allow-credentials'), ['true']);
    assert.deepEqual(all(res, 'access-control-expose-headers'), ['X-Total,X-Page']);
    assert.deepEqual(all(res, 'vary'), ['Accept-Encoding', 'Origin']);
    assert.equal(res.headers['access-control-allow-methods'], undefined, 'preflight-only headers are not added');
  });

  test('actual request from an origin not listed: the upstream\'s ACAO is removed', async () => {
    const res = await send(`${gw.proxy}/list`, 'GET', { origin: 'http://evil.example' });
    assert.equal(res.status, 200);
    assert.deepEqual(all(res, 'access-control-allow-origin'), []);
    assert.deepEqual(all(res, 'vary'), ['Accept-Encoding', 'Origin']);
  });

  test('actual request, no origins configured: ACAO *; OPTIONS without Access-Control-Request-Method is proxied', async () => {
    const res = await send(`${gw.proxy}/open`, 'GET', { origin: 'http://a.example' });
    assert.deepEqual(all(res, 'access-control-allow-origin'), ['*']);
    assert.deepEqual(all(res, 'vary'), ['Accept-Encoding']);
    const options = await send(`${gw.proxy}/open`, 'OPTIONS', { origin: 'http://a.example' });
    assert.equal(options.body, 'up OPTIONS');
    assert.deepEqual(all(options, 'access-control-allow-origin'), ['*']);
  });

  test('no Origin: headers still added, unless allow_origin_absent is false', async () => {
    const open = await send(`${gw.proxy}/open`, 'GET', {});
    assert.deepEqual(all(open, 'access-control-allow-origin'), ['*']);
    const absent = await send(`${gw.proxy}/absent`, 'GET', {});
    assert.deepEqual(all(absent, 'access-control-allow-origin'), ['http://from-upstream.example'], 'left as the upstream sent it');
    assert.deepEqual(all(absent, 'vary'), ['Accept-Encoding']);
    const withOrigin = await send(`${gw.proxy}/absent`, 'GET', { origin: 'http://a.example' });
    assert.deepEqual(all(withOrigin, 'access-control-allow-origin'), ['http://a.example']);
  });

  test('responses generated by a later plugin get the CORS headers too (header phase on local answers)', async () => {
    const res = await send(`${gw.proxy}/terminated`, 'GET', { origin: 'http://b.example' });
    assert.equal(res.status, 403);
    assert.equal(res.body, '{"message":"closed"}');
    assert.deepEqual(all(res, 'access-control-allow-origin'), ['http://b.example']);
    assert.deepEqual(all(res, 'vary'), ['Origin']);
  });
});
