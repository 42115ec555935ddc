import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { luaToNumber, requestSizeLimiting } from './handler.js';
import { access, loadFixture } from '../ip-restriction/handler-test-kit.js';

const fixture = (config = '{}') => loadFixture(requestSizeLimiting, `_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:9/
    routes:
      - name: r
        paths: [/]
        plugins:
          - name: request-size-limiting
            config: ${config}
`);

const TOO_LARGE = { kind: 'error', status: 413, message: 'Request size limit exceeded' };
const EXPECTATION = { kind: 'error', status: 417, message: 'Request size limit exceeded' };
const LENGTH_REQUIRED = { kind: 'error', status: 411, message: 'A valid Content-Length header is required' };

describe('request-size-limiting handler', () => {
  test('priority and name are Kong\'s', () => {
    assert.equal(requestSizeLimiting.name, 'request-size-limiting');
    assert.equal(requestSizeLimiting.priority, 951);
  });

  test('Content-Length: over the limit (strictly greater) → 413; at the limit passes; the body is not read', async () => {
    const f = fixture('{ allowed_payload_size: 10, size_unit: bytes }');
    const at = await access(f, { method: 'POST', body: 'x'.repeat(10) });
    assert.equal(at.result, undefined);
    assert.equal(at.ctx.body, null, 'body left to stream upstream');
    assert.deepEqual((await access(f, { method: 'POST', body: 'x'.repeat(11) })).result, TOO_LARGE);
  });

  test('Content-Length is trusted without reading the body', async () => {
    const f = fixture('{ allowed_payload_size: 1, size_unit: kilobytes }');
    assert.deepEqual((await access(f, { method: 'POST', headers: [['content-length', '1025']] })).result, TOO_LARGE);
    assert.equal((await access(f, { method: 'POST', headers: [['content-length', '1024']] })).result, undefined);
  });

  test('units: kilobytes = 1024 bytes, megabytes = 1048576 bytes (the default: 128 MB)', async () => {
    const kb = fixture('{ allowed_payload_size: 2, size_unit: kilobytes }');
    assert.equal((await access(kb, { headers: [['content-length', '2048']] })).result, undefined);
    assert.deepEqual((await access(kb, { headers: [['content-length', '2049']] })).result, TOO_LARGE);
    const mb = fixture('{ allowed_payload_size: 1 }');
    assert.equal((await access(mb, { headers: [['content-length', '1048576']] })).result, undefined);
    assert.deepEqual((await access(mb, { headers: [['content-length', '1048577']] })).result, TOO_LARGE);
    const dflt = fixture();
    assert.equal((await access(dflt, { headers: [['content-length', String(128 * 1048576)]] })).result, undefined);
    assert.deepEqual((await access(dflt, { headers: [['content-length', String(128 * 1048576 + 1)]] })).result, TOO_LARGE);
  });

  test('Expect: 100-continue turns 413 into 417 (case and surrounding spaces ignored)', async () => {
    const f = fixture('{ allowed_payload_size: 10, size_unit: bytes }');
    assert.deepEqual((await access(f, { headers: [['content-length', '11'], ['expect', '100-continue']] })).result, EXPECTATION);
    assert.deepEqual((await access(f, { headers: [['content-length', '11'], ['expect', ' 100-Continue ']] })).result, EXPECTATION);
    assert.equal((await access(f, { headers: [['content-length', '10'], ['expect', '100-continue']] })).result, undefined);
  });

  test('chunked body (no Content-Length): read and measured', async () => {
    const f = fixture('{ allowed_payload_size: 10, size_unit: bytes }');
    const small = await access(f, { method: 'POST', body: 'x'.repeat(10), chunked: true });
    assert.equal(small.result, undefined);
    assert.equal(small.ctx.body?.toString(), 'x'.repeat(10), 'the body read is what goes upstream');
    assert.deepEqual((await access(f, { method: 'POST', body: 'x'.repeat(11), chunked: true })).result, TOO_LARGE);
    assert.deepEqual((await access(f, { method: 'POST', body: 'x'.repeat(11), chunked: true, headers: [['expect', '100-continue']] })).result, EXPECTATION);
  });

  test('require_content_length: no Content-Length → 411, unless the body is chunked', async () => {
    const f = fixture('{ allowed_payload_size: 10, size_unit: bytes, require_content_length: true }');
    assert.deepEqual((await access(f)).result, LENGTH_REQUIRED);
    assert.deepEqual((await access(f, { headers: [['content-length', 'abc']] })).result, LENGTH_REQUIRED);
    assert.equal((await access(f, { headers: [['content-length', '0']] })).result, undefined);
    assert.equal((await access(f, { method: 'POST', body: 'x'.repeat(5), chunked: true })).result, undefined);
    assert.deepEqual((await access(f, { method: 'POST', body: 'x'.repeat(11), chunked: true })).result, TOO_LARGE);
    // Kong compares the whole value with "chunked"
    assert.deepEqual((await access(f, { method: 'POST', headers: [['transfer-encoding', 'gzip, chunked']] })).result, LENGTH_REQUIRED);
  });

  test('without require_content_length a request without body passes and nothing is buffered', async () => {
    const f = fixture('{ allowed_payload_size: 0, size_unit: bytes }');
    const { result, ctx } = await access(f);
    assert.equal(result, undefined);
    assert.equal(ctx.body, null);
  });

  test('Content-Length read as Lua tonumber', () => {
    assert.equal(luaToNumber(['12']), 12);
    assert.equal(luaToNumber([' 12 ']), 12);
    assert.equal(luaToNumber(['0x10']), 16);
    assert.equal(luaToNumber(['1e3']), 1000);
    assert.equal(luaToNumber(['abc']), null);
    assert.equal(luaToNumber(['']), null);
    assert.equal(luaToNumber(['1', '1']), null, 'a repeated header is a table');
    assert.equal(luaToNumber([]), null);
  });
});
