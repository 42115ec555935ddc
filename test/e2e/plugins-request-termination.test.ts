import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const SVC = '7a1e0c55-0000-4000-8000-000000000001';
const ECHO_ROUTE = '7a1e0c55-0000-4000-8000-000000000002';

describe('request-termination through the gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;
  let port: number;

  before(async () => {
    up = await startEcho('up');
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - id: ${SVC}
    name: svc
    url: http://127.0.0.1:${up.port}
    routes:
      - name: default
        paths: [/default]
        plugins: [{ name: request-termination }]
      - name: message
        paths: [/message]
        plugins: [{ name: request-termination, config: { status_code: 403, message: "So long and thanks for all the fish!" } }]
      - name: not-found
        paths: [/not-found]
        plugins: [{ name: request-termination, config: { status_code: 404 } }]
      - name: no-default
        paths: [/no-default]
        plugins: [{ name: request-termination, config: { status_code: 418 } }]
      - name: body
        paths: [/body]
        plugins: [{ name: request-termination, config: { status_code: 406, body: "<html><body><h1>Service is down</h1></body></html>", content_type: "text/html; charset=utf-8" } }]
      - name: trigger
        paths: [/trigger]
        plugins: [{ name: request-termination, config: { status_code: 401, trigger: X-Kill } }]
      - id: ${ECHO_ROUTE}
        name: echo
        paths: [/echo]
        plugins: [{ name: request-termination, config: { status_code: 202, echo: true, message: "echoed" } }]
`);
    port = Number(new URL(gw.proxy).port);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  test('default: 503 {"message":"Service unavailable"} (compact JSON, no request id)', async () => {
    const res = await request(`${gw.proxy}/default`);
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(await res.body.text(), '{"message":"Service unavailable"}');
    assert.match(res.headers['x-kong-request-id'] as string, /^[0-9a-f]{32}$/);
    assert.equal(res.headers['server'], 'kong/3.10.0');
    assert.equal(up.seen.length, 0, 'the upstream is never called');
  });

  test('status and message', async () => {
    const res = await request(`${gw.proxy}/message`);
    assert.equal(res.statusCode, 403);
    assert.equal(await res.body.text(), '{"message":"So long and thanks for all the fish!"}');
    const nf = await request(`${gw.proxy}/not-found`);
    assert.equal(nf.statusCode, 404);
    assert.equal(await nf.body.text(), '{"message":"Not found"}');
  });

  test('a status without a default message and no message: empty body', async () => {
    const res = await request(`${gw.proxy}/no-default`);
    assert.equal(res.statusCode, 418);
    assert.equal(res.headers['content-length'], '0');
    assert.equal(res.headers['content-type'], undefined);
    assert.equal(await res.body.text(), '');
  });

  test('body and content_type: sent as configured', async () => {
    const res = await request(`${gw.proxy}/body`);
    assert.equal(res.statusCode, 406);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(await res.body.text(), '<html><body><h1>Service is down</h1></body></html>');
  });

  test('trigger: only requests with the header or query argument are terminated', async () => {
    const pass = await request(`${gw.proxy}/trigger`);
    assert.equal(pass.statusCode, 200);
    assert.equal(await pass.body.text(), 'up');
    const byHeader = await request(`${gw.proxy}/trigger`, { headers: { 'x-kill': '1' } });
    assert.equal(byHeader.statusCode, 401);
    assert.equal(await byHeader.body.text(), '{"message":"Unauthorized"}');
    const byQuery = await request(`${gw.proxy}/trigger?X-Kill`);
    assert.equal(byQuery.statusCode, 401);
    assert.equal(await byQuery.body.text(), '{"message":"Unauthorized"}');
    const otherCase = await request(`${gw.proxy}/trigger?x-kill=1`);
    assert.equal(otherCase.statusCode, 200, 'query argument names are case-sensitive');
    await otherCase.body.text();
  });

  test('echo: the request, the node and the matched route and service', async () => {
    const res = await request(`${gw.proxy}/echo/x?a=1&a=2&b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body: '{"hello":"world"}',
    });
    assert.equal(res.statusCode, 202);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    const text = await res.body.text();
    assert.match(text, /"path":"\\\/echo\\\/x"/, 'slashes escaped as lua-cjson writes them');
    const body = JSON.parse(text) as Record<string, any>;
    assert.equal(body.message, 'echoed');
    assert.deepEqual(Object.keys(body.kong), ['node_id', 'worker_pid', 'hostname']);
    assert.equal(body.kong.hostname, hostname());
    assert.equal(typeof body.kong.worker_pid, 'number');
    assert.equal(body.request.scheme, 'http');
    assert.equal(body.request.host, '127.0.0.1');
    assert.equal(body.request.port, port);
    assert.equal(body.request.method, 'POST');
    assert.equal(body.request.path, '/echo/x');
    assert.deepEqual(body.request.query, { a: ['1', '2'], b: true });
    assert.equal(body.request.headers['x-test'], 'yes');
    assert.equal(body.request.headers.host, `127.0.0.1:${port}`);
    assert.deepEqual(body.request.body, { hello: 'world' });
    assert.equal(body.request.raw_body, '{"hello":"world"}');
    assert.deepEqual(body.request.uri_captures, { unnamed: [], named: {} });
    assert.deepEqual(body.matched_route, { id: ECHO_ROUTE, name: 'echo' });
    assert.deepEqual(body.matched_service, { id: SVC, name: 'svc' });
  });
});
