import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { RequestHead } from '../../src/runtime/http/request-head.js';
import { buildUpstreamHeaders } from '../../src/runtime/proxy/upstream-headers.js';
import { headerOf, rawRequest, startProxy, startUpstream, type TestProxy, type Upstream } from './harness.js';

/** Upstream that answers with the raw headers it received. */
function echoHeaders(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  req.on('end', () => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ url: req.url, raw: req.rawHeaders }));
  });
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i].toLowerCase(), raw[i + 1]]);
  return out;
}

const values = (p: [string, string][], name: string): string[] => p.filter(([n]) => n === name).map(([, v]) => v);

describe('headers sent upstream', () => {
  let up: Upstream;
  let proxy: TestProxy;
  let prefixed: TestProxy;
  before(async () => {
    up = await startUpstream(echoHeaders);
    proxy = await startProxy({ origin: up.origin });
    prefixed = await startProxy({ origin: up.origin, forwardedPrefix: '/api' });
  });
  after(async () => {
    await proxy.close();
    await prefixed.close();
    await up.close();
  });

  async function send(port: number, head: string): Promise<{ p: [string, string][]; res: Awaited<ReturnType<typeof rawRequest>> }> {
    const res = await rawRequest(port, `${head}\r\n`);
    assert.equal(res.status, 200, res.raw);
    return { p: pairs(JSON.parse(res.body).raw), res };
  }

  it('sets X-Forwarded-*, X-Real-IP, Via and X-Kong-Request-Id (client values replaced or appended)', async () => {
    const { p, res } = await send(proxy.port, 'GET /some/path?q=1 HTTP/1.1\r\nHost: Example.COM:8443\r\n'
      + 'X-Forwarded-For: 10.0.0.1\r\nX-Forwarded-For: 10.0.0.2\r\nX-Forwarded-Proto: https\r\n'
      + 'X-Forwarded-Host: evil\r\nX-Forwarded-Port: 1\r\nX-Forwarded-Path: /evil\r\nX-Forwarded-Prefix: /evil\r\n'
      + 'X-Real-IP: 6.6.6.6\r\nVia: 1.0 fred\r\nX-Kong-Request-Id: forged\r\n');
    assert.deepEqual(values(p, 'x-forwarded-for'), ['10.0.0.1, 10.0.0.2, 127.0.0.1']);
    assert.deepEqual(values(p, 'x-forwarded-proto'), ['http']);
    assert.deepEqual(values(p, 'x-forwarded-host'), ['example.com']);
    assert.deepEqual(values(p, 'x-forwarded-port'), [String(proxy.port)]);
    assert.deepEqual(values(p, 'x-forwarded-path'), ['/some/path']);
    assert.deepEqual(values(p, 'x-forwarded-prefix'), []);
    assert.deepEqual(values(p, 'x-real-ip'), ['127.0.0.1']);
    assert.deepEqual(values(p, 'via'), ['1.0 fred, 1.1 kong/3.10.0']);
    assert.deepEqual(values(p, 'x-kong-request-id'), [headerOf(res, 'X-Kong-Request-Id')]);
    assert.deepEqual(values(p, 'host'), [`127.0.0.1:${up.port}`]);
    assert.equal(JSON.parse(res.body).url, '/some/path?q=1');
  });

  it('defaults without client values, and sends X-Forwarded-Prefix when a prefix was stripped', async () => {
    const { p } = await send(prefixed.port, 'GET /x HTTP/1.1\r\nHost: h\r\n');
    assert.deepEqual(values(p, 'x-forwarded-for'), ['127.0.0.1']);
    assert.deepEqual(values(p, 'x-forwarded-prefix'), ['/api']);
    assert.deepEqual(values(p, 'via'), ['1.1 kong/3.10.0']);
  });

  it('removes hop-by-hop headers, including those named in Connection', async () => {
    const { p } = await send(proxy.port, 'GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, X-Secret, Foo\r\n'
      + 'X-Secret: s\r\nFoo: f\r\nKeep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nProxy: http://evil\r\n'
      + 'Trailer: X-T\r\nUpgrade: h2c\r\nTE: gzip\r\nX-Keep: 1\r\nX-Keep: 2\r\nCookie: a=b\r\n');
    for (const name of ['x-secret', 'foo', 'keep-alive', 'proxy-connection', 'proxy', 'trailer', 'upgrade', 'te']) {
      assert.deepEqual(values(p, name), [], name);
    }
    assert.deepEqual(values(p, 'connection'), ['keep-alive']);
    assert.deepEqual(values(p, 'x-keep'), ['1', '2']);
    assert.deepEqual(values(p, 'cookie'), ['a=b']);
  });

  it('keeps TE: trailers, drops Expect (uWS answers 100-continue)', async () => {
    const { p } = await send(proxy.port, 'POST / HTTP/1.1\r\nHost: h\r\nTE: deflate, trailers\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi');
    assert.deepEqual(values(p, 'te'), ['trailers']);
    assert.deepEqual(values(p, 'expect'), []);
    assert.deepEqual(values(p, 'content-length'), ['2']);
  });

  it('passes non-ASCII header bytes through unchanged', async () => {
    // (uWS trims bytes >= 0x80 at the very start or end of a value: a uWS parser quirk)
    const { p } = await send(proxy.port, 'GET / HTTP/1.1\r\nHost: h\r\nX-Name: caf\xc3\xa9 au lait\r\n');
    assert.deepEqual(values(p, 'x-name').map((v) => Buffer.from(v, 'latin1').toString('utf8')), ['café au lait']);
  });
});

describe('buildUpstreamHeaders options', () => {
  const head = (headers: string[]): RequestHead => ({
    method: 'GET', url: '/p', query: '', headers, remoteAddress: '192.0.2.1', localPort: 8000,
    requestId: 'r'.repeat(32), startedAt: 0, headBytes: 0, longestHeaderLine: 0, body: null, aborted: false, onAbort: null,
  });
  it('keeps client X-Forwarded-* from a trusted peer', () => {
    const h = buildUpstreamHeaders(head(['host', 'h', 'x-forwarded-proto', 'https', 'x-forwarded-port', '443', 'x-forwarded-prefix', '/p']),
      { host: 'up:80', scheme: 'http', trusted: true });
    const get = (n: string): string | undefined => h[h.indexOf(n) + 1];
    assert.equal(get('X-Forwarded-Proto'), 'https');
    assert.equal(get('X-Forwarded-Port'), '443');
    assert.equal(get('X-Forwarded-Prefix'), '/p');
    assert.equal(get('X-Forwarded-Host'), 'h');
  });
  it('uses the client HTTP version in Via and drops Content-Length when the body is not sent', () => {
    const h = buildUpstreamHeaders(head(['host', '[::1]:8000', 'content-length', '3']),
      { host: 'up', scheme: 'https', viaVersion: '2', withBody: false });
    assert.equal(h[h.indexOf('Via') + 1], '2 kong/3.10.0');
    assert.equal(h[h.indexOf('X-Forwarded-Host') + 1], '[::1]');
    assert.equal(h.indexOf('content-length'), -1);
  });
});

describe('headers sent to the client', () => {
  let up: Upstream;
  let proxy: TestProxy;
  before(async () => {
    up = await startUpstream((req, res) => {
      req.resume();
      const path = req.url ?? '/';
      if (path === '/hop') {
        res.writeHead(200, 'OK', [
          'Connection', 'keep-alive, X-Up-Hop', 'X-Up-Hop', '1', 'Keep-Alive', 'timeout=5', 'Via', '1.0 up',
          'Server', 'upstream/1', 'Date', 'Mon, 01 Jan 2024 00:00:00 GMT', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2',
          'X-Kong-Request-Id', 'bogus', 'Content-Length', '5', 'X-Bytes', 'caf\xc3\xa9',
        ]);
        res.end(Buffer.from('hello')); // a string body would make node:http UTF-8-encode its headers
      } else if (path === '/chunked') {
        res.writeHead(299, 'Custom Reason');
        res.write('ab');
        setTimeout(() => res.end('cd'), 20);
      } else if (path === '/204') {
        res.writeHead(204).end();
      } else if (path === '/304') {
        res.writeHead(304, { ETag: '"x"' }).end();
      } else {
        res.setHeader('Content-Length', '11');
        res.end(req.method === 'HEAD' ? undefined : 'hello world');
      }
    });
    proxy = await startProxy({ origin: up.origin });
  });
  after(async () => {
    await proxy.close();
    await up.close();
  });
  const get = (path: string, method = 'GET'): ReturnType<typeof rawRequest> =>
    rawRequest(proxy.port, `${method} ${path} HTTP/1.1\r\nHost: h\r\n\r\n`, 500);

  it('adds latencies, appends Via, passes Server through, replaces X-Kong-Request-Id, drops hop-by-hop', async () => {
    const r = await get('/hop');
    assert.equal(r.status, 200);
    assert.equal(r.body, 'hello');
    assert.match(headerOf(r, 'X-Kong-Upstream-Latency') ?? '', /^\d+$/);
    assert.match(headerOf(r, 'X-Kong-Proxy-Latency') ?? '', /^\d+$/);
    assert.equal(headerOf(r, 'Via'), '1.0 up, 1.1 kong/3.10.0');
    assert.equal(headerOf(r, 'Server'), 'upstream/1');
    assert.match(headerOf(r, 'X-Kong-Request-Id') ?? '', /^[0-9a-f]{32}$/);
    assert.equal(headerOf(r, 'Content-Length'), '5');
    assert.equal(headerOf(r, 'X-Up-Hop'), undefined);
    assert.equal(headerOf(r, 'Keep-Alive'), undefined);
    const names = r.headers.map(([n]) => n.toLowerCase());
    assert.equal(names.filter((n) => n === 'date').length, 1);
    assert.equal(names.filter((n) => n === 'set-cookie').length, 2);
    assert.equal(names.filter((n) => n === 'content-length').length, 1);
    assert.equal(Buffer.from(headerOf(r, 'X-Bytes')!, 'latin1').toString('utf8'), 'café');
  });

  it('adds Server: kong when the upstream sent none; keeps chunked bodies and the reason phrase', async () => {
    const r = await get('/chunked');
    assert.equal(r.status, 299);
    assert.match(r.raw, /^HTTP\/1\.1 299 Custom Reason\r\n/);
    assert.equal(headerOf(r, 'Server'), 'kong/3.10.0');
    assert.equal(headerOf(r, 'Transfer-Encoding'), 'chunked');
    assert.equal(r.body, '2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n');
  });

  it('HEAD keeps the upstream Content-Length without a body; 204 and 304 have no body', async () => {
    const head = await get('/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(headerOf(head, 'Content-Length'), '11');
    assert.equal(head.body, '');
    const nc = await get('/204');
    assert.equal(nc.status, 204);
    assert.equal(headerOf(nc, 'Content-Length'), undefined);
    const nm = await get('/304');
    assert.equal(nm.status, 304);
    assert.equal(headerOf(nm, 'ETag'), '"x"');
    assert.equal(nm.body, '');
  });

  it('reuses upstream connections (keep-alive)', async () => {
    const ports = new Set<number>();
    up.server.on('connection', (s) => ports.add(s.remotePort ?? 0));
    for (let i = 0; i < 5; i++) assert.equal((await get('/')).status, 200);
    assert.ok(ports.size <= 1, `opened ${ports.size} connections`);
  });
});
