import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { requestTermination } from './handler.js';
import { decodeArgs, normalizePath, parseBody } from './echo.js';
import { access, loadFixture } from '../ip-restriction/handler-test-kit.js';

const SVC = '5f2d1c3a-0000-4000-8000-00000000000a';
const ROUTE = '5f2d1c3a-0000-4000-8000-00000000000b';

const fixture = (config = '{}') => loadFixture(requestTermination, `_format_version: "3.0"
services:
  - id: ${SVC}
    name: svc
    url: http://127.0.0.1:9/
    routes:
      - id: ${ROUTE}
        name: r
        paths: [/]
        plugins:
          - name: request-termination
            config: ${config}
`);

describe('request-termination handler', () => {
  test('priority and name are Kong\'s', () => {
    assert.equal(requestTermination.name, 'request-termination');
    assert.equal(requestTermination.priority, 2);
  });

  test('default: 503 {"message":"Service unavailable"} (kong.response.exit)', async () => {
    assert.deepEqual((await access(fixture())).result, { kind: 'exit', status: 503, body: { message: 'Service unavailable' } });
  });

  test('default messages exist for 401, 404, 405, 500, 502, 503 only', async () => {
    const expected: Record<number, string> = {
      401: 'Unauthorized', 404: 'Not found', 405: 'Method not allowed', 500: 'An unexpected error occurred', 502: 'Bad Gateway', 503: 'Service unavailable',
    };
    for (const [code, message] of Object.entries(expected)) {
      assert.deepEqual((await access(fixture(`{ status_code: ${code} }`))).result, { kind: 'exit', status: Number(code), body: { message } });
    }
    for (const code of [200, 204, 403, 418, 429, 504]) {
      assert.deepEqual((await access(fixture(`{ status_code: ${code} }`))).result, { kind: 'exit', status: code }, `no body for ${code}`);
    }
  });

  test('message: {"message": <message>} with any status', async () => {
    assert.deepEqual((await access(fixture('{ status_code: 403, message: "So long and thanks for all the fish!" }'))).result,
      { kind: 'exit', status: 403, body: { message: 'So long and thanks for all the fish!' } });
  });

  test('body + content_type: the body as is, with that Content-Type', async () => {
    assert.deepEqual((await access(fixture('{ status_code: 406, body: "<html>nope</html>", content_type: "text/html" }'))).result,
      { kind: 'exit', status: 406, body: '<html>nope</html>', headers: [['Content-Type', 'text/html']] });
    assert.deepEqual((await access(fixture('{ status_code: 451, body: "raw" }'))).result,
      { kind: 'exit', status: 451, body: 'raw', headers: [] });
  });

  test('trigger: terminates only when a header or query argument of that name is present', async () => {
    const f = fixture('{ trigger: X-Stop, status_code: 404 }');
    const stop = { kind: 'exit', status: 404, body: { message: 'Not found' } };
    assert.equal((await access(f)).result, undefined);
    assert.deepEqual((await access(f, { headers: [['x-stop', 'yes']] })).result, stop);
    assert.deepEqual((await access(f, { headers: [['x-stop', '']] })).result, stop, 'an empty header is present');
    assert.deepEqual((await access(f, { query: 'X-Stop' })).result, stop, 'query argument without value');
    assert.deepEqual((await access(f, { query: 'a=1&X-Stop=0' })).result, stop);
    assert.equal((await access(f, { query: 'x-stop=1' })).result, undefined, 'query names are case-sensitive');
    assert.equal((await access(f, { headers: [['x-other', '1']] })).result, undefined);
  });

  test('echo: the request as Kong reports it, plus matched route and service', async () => {
    const f = fixture('{ echo: true, status_code: 200 }');
    const { result } = await access(f, {
      method: 'POST', url: '/a/./b//c%7e%2f', query: 'q=1&q=2&flag&s=a+b%21',
      headers: [['host', 'Example.COM:8000'], ['x-multi', '1'], ['x-multi', '2'], ['content-type', 'application/json']],
      body: '{"k":[1,2],"s":"v"}',
    });
    assert.equal(result?.kind, 'exit');
    assert.equal(result.status, 200);
    const body = (result as { body: Record<string, unknown> }).body;
    assert.deepEqual(JSON.parse(JSON.stringify(body)), {
      kong: { node_id: (body.kong as { node_id: string }).node_id, worker_pid: process.pid, hostname: hostname() },
      request: {
        scheme: 'http', host: 'example.com', port: 8000,
        headers: { host: 'Example.COM:8000', 'x-multi': ['1', '2'], 'content-type': 'application/json', 'content-length': '19' },
        query: { q: ['1', '2'], flag: true, s: 'a b!' },
        body: { k: [1, 2], s: 'v' },
        raw_body: '{"k":[1,2],"s":"v"}',
        method: 'POST',
        path: '/a/b/c~%2F',
        uri_captures: { unnamed: [], named: {} },
      },
      matched_route: { id: ROUTE, name: 'r' },
      matched_service: { id: SVC, name: 'svc' },
    });
    assert.match((body.kong as { node_id: string }).node_id, /^[0-9a-f-]{36}$/);
  });

  test('echo with a message, a form body, and the trigger', async () => {
    const f = fixture('{ echo: true, trigger: x-echo, message: hello }');
    assert.equal((await access(f)).result, undefined);
    const { result } = await access(f, {
      method: 'POST', headers: [['x-echo', '1'], ['content-type', 'application/x-www-form-urlencoded']], body: 'a=1&b=x+y&a=2',
    });
    const body = (result as { body: { message: string; request: { body: unknown; raw_body: string } } }).body;
    assert.equal(result?.status, 503);
    assert.equal(body.message, 'hello');
    assert.deepEqual(body.request.body, { a: ['1', '2'], b: 'x y' });
    assert.equal(body.request.raw_body, 'a=1&b=x+y&a=2');
  });

  test('echo: no body gives raw_body "" and no body; a body over 8k (client_body_buffer_size) gives neither', async () => {
    const f = fixture('{ echo: true }');
    let body = (await access(f)).result as { body: { request: Record<string, unknown> } };
    assert.equal(body.body.request.raw_body, '');
    assert.equal('body' in body.body.request && body.body.request.body !== undefined, false);
    assert.equal(body.body.request.host, 'kong');
    body = (await access(f, { method: 'POST', headers: [['content-type', 'application/json']], body: `"${'x'.repeat(9000)}"` })).result as typeof body;
    assert.equal(body.body.request.raw_body, undefined);
    assert.equal(body.body.request.body, undefined);
  });

  test('get_body: JSON must be an object or array; multipart fields by name', () => {
    assert.equal(parseBody('application/json', Buffer.from('"str"')), undefined);
    assert.equal(parseBody('application/json', Buffer.from('{bad')), undefined);
    assert.deepEqual(parseBody('Application/JSON; charset=utf-8', Buffer.from('[1]')), [1]);
    assert.equal(parseBody('text/plain', Buffer.from('x')), undefined);
    assert.equal(parseBody(undefined, Buffer.from('x')), undefined);
    const mp = '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name="f"; filename="f.txt"\r\n'
      + 'Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n2\r\n--XyZ--\r\n';
    assert.deepEqual(parseBody('multipart/form-data; boundary=XyZ', Buffer.from(mp)), { a: ['1', '2'], f: 'line1\r\nline2' });
  });

  test('query decoding: `+` is a space, bad escapes stay, empty names are skipped, 100 arguments at most', () => {
    assert.deepEqual(decodeArgs('a=%41%zz&=x&&b=&c'), { a: 'A%zz', b: '', c: true });
    assert.equal(Object.keys(decodeArgs(Array.from({ length: 150 }, (_, i) => `k${i}=1`).join('&'))).length, 100);
  });

  test('path normalization as kong.request.get_path()', () => {
    assert.equal(normalizePath('/t/Abc%20123%C3%B8%2f/parent/..//test/./'), '/t/Abc 123\xc3\xb8%2F/test/');
    assert.equal(normalizePath('/'), '/');
    assert.equal(normalizePath('/a/../../b'), '/b');
    assert.equal(normalizePath('/a/%2e%2e/b'), '/b');
  });
});
