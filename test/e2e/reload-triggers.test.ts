/**
 * Reloads that are asked for: SIGHUP (gw.reload()) and POST /config on the
 * admin listener, both under continuous load; POST /config's answers (201
 * with the hash, Kong's code-14 body with flattened_errors and line/col,
 * the {"config": "..."} wrapper, an empty body); and requests in flight
 * finishing on the configuration they started with.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';
import { adminStatus, echoConfig, runReloadScenario, waitForHashChange } from './load-generator.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const postConfig = async (gw: TestGateway, body: string, contentType = 'application/x-yaml') => {
  const res = await request(`${gw.admin}/config`, { method: 'POST', body, headers: { 'content-type': contentType } });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
};

describe('reloads on request: SIGHUP and POST /config', () => {
  let oldUp: EchoUpstream;
  let newUp: EchoUpstream;
  let slowUp: EchoUpstream;
  let A: string;
  let B: string;
  let gw: TestGateway;
  const timings: Record<string, string> = {};

  before(async () => {
    oldUp = await startEcho('old');
    newUp = await startEcho('new');
    slowUp = await startEcho('slow', (req, res) => {
      req.resume();
      setTimeout(() => res.end('slow'), 700);
    });
    A = echoConfig({ old: oldUp.port });
    B = echoConfig({ old: oldUp.port, new: newUp.port });
    // no file events, no polling: only SIGHUP and POST /config change anything
    gw = await startTestGateway(A, { workers: 2, watch: false, pollInterval: 0 });
  });

  after(async () => {
    await gw.stop();
    await Promise.all([oldUp.close(), newUp.close(), slowUp.close()]);
    console.log(`reload timings (ms from request to new route): ${JSON.stringify(timings)}`);
  });

  test('(7) SIGHUP: a file change is not seen until the reload is asked for, then it is applied under load', async () => {
    writeFileSync(gw.configFile, B);
    const r = await runReloadScenario({
      gw,
      paths: ['/old', '/new'],
      allowed: { '/old': ['200 old'], '/new': ['404', '200 new'] },
      after: { '/old': '200 old', '/new': '200 new' },
      marker: { path: '/new', answer: '200 new' },
      warmMs: 400, // > debounce: with watching off, nothing reloads by itself
      change: async () => {
        assert.equal(gw.controller.status.lastReload, null, 'reloaded without SIGHUP');
        const at = performance.now();
        await gw.reload();
        return at;
      },
    });
    timings['SIGHUP'] = `${r.latencyMs} ms (${r.requests} requests)`;
    const status = await adminStatus(gw);
    assert.equal(status.last_reload?.trigger, 'SIGHUP');
    assert.equal(status.last_reload?.ok, true);
    // SIGHUP again with nothing changed: nothing to swap, still ok
    const success = status.reloads.success;
    await gw.reload();
    assert.equal((await adminStatus(gw)).reloads.success, success);
  });

  test('(8) POST /config under load: 201 with the hash, the new routes served', async () => {
    const C = echoConfig({ old: oldUp.port, new: newUp.port, other: oldUp.port });
    let posted: Awaited<ReturnType<typeof postConfig>> | undefined;
    const r = await runReloadScenario({
      gw,
      paths: ['/old', '/new', '/other'],
      allowed: { '/old': ['200 old'], '/new': ['200 new'], '/other': ['404', '200 old'] },
      after: { '/old': '200 old', '/new': '200 new', '/other': '200 old' },
      marker: { path: '/other', answer: '200 old' },
      change: async () => {
        const at = performance.now();
        posted = await postConfig(gw, C);
        return at;
      },
    });
    timings['POST /config'] = `${r.latencyMs} ms (${r.requests} requests)`;
    assert.equal(posted!.status, 201);
    assert.match(String(posted!.body.configuration_hash), /^[0-9a-f]{32}$/);
    assert.equal(posted!.body.configuration_hash, gw.controller.current.hash);
    const status = await adminStatus(gw);
    assert.equal(status.configuration.kind, 'admin-api');
    assert.equal(status.configuration_hash, posted!.body.configuration_hash);
    assert.equal(status.last_reload?.trigger, 'POST /config');
  });

  test('POST /config: Kong\'s {"config": "<yaml>"} wrapper and a JSON document', async () => {
    const wrapped = await postConfig(gw, JSON.stringify({ config: A }), 'application/json');
    assert.equal(wrapped.status, 201);
    assert.equal(wrapped.body.configuration_hash, gw.controller.current.hash);
    assert.equal((await request(`${gw.proxy}/new`)).statusCode, 404);
    const json = {
      _format_version: '3.0',
      services: [{ name: 'new', url: `http://127.0.0.1:${newUp.port}`, routes: [{ name: 'new-route', paths: ['/new'] }] }],
    };
    const plain = await postConfig(gw, JSON.stringify(json), 'application/json');
    assert.equal(plain.status, 201);
    const res = await request(`${gw.proxy}/new`);
    assert.equal(res.statusCode, 200);
    assert.equal(await res.body.text(), 'new');
  });

  test('POST /config: an invalid configuration is 400 with code 14 and flattened_errors with line and col; nothing changes', async () => {
    const hash = gw.controller.current.hash;
    const failures = gw.controller.status.counts.failure;
    const bad = `_format_version: "3.0"
services:
  - name: broken
    url: http://127.0.0.1:${oldUp.port}
    retries: -4
    routes:
      - { name: broken-route, paths: [/broken] }
`;
    const res = await postConfig(gw, bad);
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 14);
    assert.equal(res.body.name, 'invalid declarative configuration');
    assert.match(String(res.body.message), /declarative config is invalid/);
    const flat = res.body.flattened_errors as { entity_type: string; entity_name?: string; errors: { type: string; field?: string; message: string; line: number; col: number }[] }[];
    assert.equal(flat.length, 1);
    assert.equal(flat[0].entity_type, 'service');
    assert.equal(flat[0].entity_name, 'broken');
    assert.deepEqual(flat[0].errors, [{ type: 'field', field: 'retries', message: 'value should be between 0 and 32767', line: 5, col: 14 }]);
    assert.equal(gw.controller.current.hash, hash);
    assert.equal((await request(`${gw.proxy}/broken`)).statusCode, 404);
    const status = await adminStatus(gw);
    assert.equal(status.reloads.failure, failures + 1);
    assert.equal(status.last_reload?.ok, false);
    assert.match(String(status.last_reload?.first_issue), /^<POST \/config>:5:14 /);
    // a syntax error is a code-14 answer too
    const syntax = await postConfig(gw, '_format_version: "3.0"\nservices: [\n');
    assert.equal(syntax.status, 400);
    assert.equal(syntax.body.code, 14);
  });

  test('POST /config: an empty body is 400 "expected a declarative configuration"', async () => {
    const res = await postConfig(gw, '');
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { message: 'expected a declarative configuration' });
  });

  test('POST /config from a client that goes away before the answer does not take the gateway down', async () => {
    // large enough that validating and swapping takes a while: the client leaves in the middle
    const big = echoConfig(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`svc${i}`, oldUp.port])));
    const hash = gw.controller.current.hash;
    // In the gatewayd process an unhandled rejection is fatal; the test runner only reports it, so catch it here.
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    await new Promise<void>((resolve) => {
      const req = http.request(`${gw.admin}/config`, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-yaml' } });
      req.on('error', () => resolve());
      req.on('response', () => resolve()); // too late to abort: the test proves nothing then, caught below
      req.end(big, () => setTimeout(() => req.destroy(), 15));
    });
    // the configuration still applies (the client is gone, not the request) and the gateway is alive
    await waitForHashChange(gw, hash);
    await sleep(100);
    process.off('unhandledRejection', onRejection);
    assert.deepEqual(rejections.map(String), []);
    assert.ok(gw.controller.current.config.services.length === 300);
    const res = await request(`${gw.admin}/status`);
    assert.equal(res.statusCode, 200);
    await res.body.dump();
    assert.equal((await postConfig(gw, A)).status, 201);
  });

  test('a request in flight during a reload finishes on the configuration it started with', async () => {
    const withSlow = echoConfig({ old: oldUp.port, slow: slowUp.port });
    assert.equal((await postConfig(gw, withSlow)).status, 201);
    const started = performance.now();
    const inflight = request(`${gw.proxy}/slow`).then(async (r) => ({ status: r.statusCode, body: await r.body.text() }));
    await sleep(200);
    assert.equal((await postConfig(gw, A)).status, 201);
    // the route is gone for new requests...
    assert.equal((await request(`${gw.proxy}/slow`)).statusCode, 404);
    // ...and the one that started before finishes normally
    assert.deepEqual(await inflight, { status: 200, body: 'slow' });
    assert.ok(performance.now() - started >= 650);
  });
});
