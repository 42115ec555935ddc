import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const errorJson = (message: string, id: string) => `{\n  "message":"${message}",\n  "request_id":"${id}"\n}`;

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request through node:http: `body` as one write with Content-Length, or
 * `chunks` written one by one (Transfer-Encoding: chunked).
 */
function send(url: string, o: { method?: string; headers?: Record<string, string>; body?: string; chunks?: string[] } = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    const req = http.request(url, { method: o.method ?? 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    // The gateway may answer (and close) before the body is all sent: that is not an error here.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    if (o.body !== undefined) req.end(o.body);
    else if (o.chunks) {
      for (const c of o.chunks) req.write(c);
      req.end();
    } else req.end();
  });
}

describe('request-size-limiting through the gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    // The upstream answers with the size of the body it received.
    up = await startEcho('up', (req, res) => {
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length)).on('end', () => res.end(`got ${n}`));
    });
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:${up.port}
    routes:
      - name: kb
        paths: [/kb]
        plugins: [{ name: request-size-limiting, config: { allowed_payload_size: 1, size_unit: kilobytes } }]
      - name: bytes
        paths: [/bytes]
        plugins: [{ name: request-size-limiting, config: { allowed_payload_size: 10, size_unit: bytes } }]
      - name: required
        paths: [/required]
        plugins: [{ name: request-size-limiting, config: { allowed_payload_size: 10, size_unit: bytes, require_content_length: true } }]
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  test('Content-Length over the limit: 413 "Request size limit exceeded"; at the limit: proxied with the body', async () => {
    const over = await send(`${gw.proxy}/kb`, { body: 'x'.repeat(1025) });
    assert.equal(over.status, 413);
    assert.equal(over.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(over.body, errorJson('Request size limit exceeded', over.headers['x-kong-request-id'] as string));
    const at = await send(`${gw.proxy}/kb`, { body: 'x'.repeat(1024) });
    assert.equal(at.status, 200);
    assert.equal(at.body, 'got 1024');
  });

  test('bytes unit', async () => {
    assert.equal((await send(`${gw.proxy}/bytes`, { body: '0123456789' })).body, 'got 10');
    assert.equal((await send(`${gw.proxy}/bytes`, { body: '0123456789a' })).status, 413);
  });

  test('chunked upload (no Content-Length): the body is read and measured; under the limit it reaches the upstream whole', async () => {
    const over = await send(`${gw.proxy}/kb`, { chunks: ['x'.repeat(600), 'y'.repeat(600)] });
    assert.equal(over.status, 413);
    assert.equal(over.body, errorJson('Request size limit exceeded', over.headers['x-kong-request-id'] as string));
    const under = await send(`${gw.proxy}/kb`, { chunks: ['x'.repeat(500), 'y'.repeat(524)] });
    assert.equal(under.status, 200);
    assert.equal(under.body, 'got 1024');
  });

  test('a large chunked upload is refused as soon as it passes the limit; the gateway keeps serving', async () => {
    const over = await send(`${gw.proxy}/kb`, { chunks: Array.from({ length: 64 }, () => 'z'.repeat(16 * 1024)) });
    assert.equal(over.status, 413);
    assert.equal(over.body, errorJson('Request size limit exceeded', over.headers['x-kong-request-id'] as string));
    assert.equal((await send(`${gw.proxy}/kb`, { body: 'ok' })).body, 'got 2');
  });

  test('Expect: 100-continue: 417 instead of 413', async () => {
    const withLength = await send(`${gw.proxy}/bytes`, { headers: { expect: '100-continue' }, body: 'x'.repeat(11) });
    assert.equal(withLength.status, 417);
    assert.equal(withLength.body, errorJson('Request size limit exceeded', withLength.headers['x-kong-request-id'] as string));
    const chunked = await send(`${gw.proxy}/bytes`, { headers: { expect: '100-continue' }, chunks: ['x'.repeat(6), 'x'.repeat(6)] });
    assert.equal(chunked.status, 417);
  });

  test('require_content_length: 411 without one, unless the body is chunked', async () => {
    const none = await send(`${gw.proxy}/required`, { method: 'GET' });
    assert.equal(none.status, 411);
    assert.equal(none.body, errorJson('A valid Content-Length header is required', none.headers['x-kong-request-id'] as string));
    const chunked = await send(`${gw.proxy}/required`, { chunks: ['abc', 'def'] });
    assert.equal(chunked.status, 200);
    assert.equal(chunked.body, 'got 6');
    const tooBig = await send(`${gw.proxy}/required`, { chunks: ['abcdef', 'ghijk'] });
    assert.equal(tooBig.status, 413);
    const withLength = await send(`${gw.proxy}/required`, { body: 'abc' });
    assert.equal(withLength.status, 200);
    assert.equal(withLength.body, 'got 3');
  });
});
