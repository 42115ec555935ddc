import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import uWS from 'uWebSockets.js';
import { formatRemoteAddress } from '../../src/runtime/http/remote-address.js';
import { copyRequestHead, headerValue, joinedHeaderValue, type RequestHead } from '../../src/runtime/http/request-head.js';
import { RequestIdSource, newRequestId } from '../../src/runtime/http/request-id.js';
import { configureUws } from '../../src/runtime/http/uws-config.js';
import { headerOf, rawRequest, startProxy, type TestProxy } from './harness.js';

describe('request ids', () => {
  it('are 32 lowercase hex characters and do not repeat', () => {
    const seen = new Set<string>();
    const source = new RequestIdSource();
    for (let i = 0; i < 5000; i++) {
      const id = i % 2 === 0 ? source.next() : newRequestId();
      assert.match(id, /^[0-9a-f]{32}$/);
      seen.add(id);
    }
    assert.equal(seen.size, 5000);
  });
});

describe('remote address text', () => {
  const ab = (bytes: number[]): ArrayBuffer => new Uint8Array(bytes).buffer;
  it('formats IPv4, IPv4-mapped and compressed IPv6 like nginx', () => {
    assert.equal(formatRemoteAddress(ab([127, 0, 0, 1])), '127.0.0.1');
    assert.equal(formatRemoteAddress(ab([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 1, 2, 3])), '10.1.2.3');
    assert.equal(formatRemoteAddress(ab([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])), '::1');
    assert.equal(formatRemoteAddress(ab([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])), '2001:db8::1:0:0:1');
    assert.equal(formatRemoteAddress(ab([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 0xab, 0xcd])), 'fe80::1234:0:0:abcd');
  });
});

describe('copyRequestHead against a real uWS listener', () => {
  let listen: uWS.us_listen_socket;
  let port = 0;
  let lastHead: RequestHead | null = null;
  let bodyText = '';

  before(async () => {
    configureUws();
    const app = uWS.App().any('/*', (res, req) => {
      const head = copyRequestHead(res, req, port);
      lastHead = head;
      // await something first: the copy must not depend on `req` any more
      setTimeout(async () => {
        const chunks: Buffer[] = [];
        if (head.body !== null) for await (const c of head.body) chunks.push(c);
        bodyText = Buffer.concat(chunks).toString();
        if (!head.aborted) res.cork(() => res.end('ok'));
      }, 5);
    });
    listen = await new Promise((resolve) => app.listen('127.0.0.1', 0, (ls) => resolve(ls as uWS.us_listen_socket)));
    port = uWS.us_socket_local_port(listen as unknown as uWS.us_socket);
  });
  after(() => uWS.us_listen_socket_close(listen));

  it('copies method, raw url, raw query, lower-case repeated headers, address, port', async () => {
    const r = await rawRequest(port, 'PATCH /a%20b/c?x=1&y=%2F HTTP/1.1\r\nHost: h\r\nX-Multi: 1\r\nx-multi: 2\r\nAccept: a\r\n\r\n');
    assert.equal(r.body, 'ok');
    const head = lastHead!;
    assert.equal(head.method, 'PATCH');
    assert.equal(head.url, '/a%20b/c');
    assert.equal(head.query, 'x=1&y=%2F');
    assert.deepEqual(head.headers, ['host', 'h', 'x-multi', '1', 'x-multi', '2', 'accept', 'a']);
    assert.equal(headerValue(head, 'x-multi'), '1');
    assert.equal(joinedHeaderValue(head, 'x-multi'), '1, 2');
    assert.equal(head.remoteAddress, '127.0.0.1');
    assert.equal(head.localPort, port);
    assert.equal(head.body, null);
    assert.match(head.requestId, /^[0-9a-f]{32}$/);
  });

  it('has an empty query when there is none', async () => {
    await rawRequest(port, 'GET /p HTTP/1.1\r\nHost: h\r\n\r\n');
    assert.equal(lastHead!.query, '');
  });

  it('reads a body that arrives before anyone asks for it (chunked and sized)', async () => {
    await rawRequest(port, 'POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n');
    assert.equal(bodyText, 'hello world');
    await rawRequest(port, 'POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc');
    assert.equal(bodyText, 'abc');
  });
});

describe('nginx-level rejections', () => {
  let proxy: TestProxy;
  before(async () => {
    proxy = await startProxy({ origin: 'http://127.0.0.1:9' });
  });
  after(() => proxy.close());

  it('a header line over 8 KiB is 400 "Request header or cookie too large"', async () => {
    const r = await rawRequest(proxy.port, `GET / HTTP/1.1\r\nHost: a\r\nCookie: ${'x'.repeat(9000)}\r\n\r\n`);
    assert.equal(r.status, 400);
    assert.equal(r.body, `Request header or cookie too large\nrequest_id: ${headerOf(r, 'X-Kong-Request-Id')}\n`);
  });

  it('a head over 32 KiB in total is 400', async () => {
    const many = Array.from({ length: 5 }, (_, i) => `X-H${i}: ${'y'.repeat(7000)}\r\n`).join('');
    const r = await rawRequest(proxy.port, `GET / HTTP/1.1\r\nHost: a\r\n${many}\r\n`);
    assert.equal(r.status, 400);
  });

  it('a request line over 8 KiB is 414', async () => {
    const r = await rawRequest(proxy.port, `GET /${'a'.repeat(9000)} HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\n\r\n`);
    assert.equal(r.status, 414);
    assert.match(r.body, /"message":"URI too long"/);
  });

  it('TRACE is 405', async () => {
    const r = await rawRequest(proxy.port, 'TRACE / HTTP/1.1\r\nHost: a\r\n\r\n');
    assert.equal(r.status, 405);
  });

  it('garbage and absurd heads are closed by uWS without crashing the listener', async () => {
    const garbage = await rawRequest(proxy.port, 'NOT HTTP AT ALL\r\n\r\n', 500);
    assert.equal(garbage.status, 0);
    const huge = await rawRequest(proxy.port, `GET / HTTP/1.1\r\nHost: a\r\nX: ${'z'.repeat(2_000_000)}\r\n\r\n`, 1000);
    assert.ok(huge.status === 0 || huge.status === 400);
    const ok = await rawRequest(proxy.port, 'GET /__local/no-route HTTP/1.1\r\nHost: a\r\n\r\n');
    assert.equal(ok.status, 404);
  });
});
