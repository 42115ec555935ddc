import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import http from 'node:http';

function rawGet(url: string, headers: Record<string, string>): Promise<{ statusCode: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ statusCode: res.statusCode!, headers: res.headers, body }));
    }).on('error', reject);
  });
}
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

describe('gateway: routing and Kong answers through the real listener', () => {
  let gw: TestGateway;
  let a: EchoUpstream;
  let b: EchoUpstream;

  before(async () => {
    a = await startEcho('a');
    b = await startEcho('b');
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc-a
    url: http://127.0.0.1:${a.port}/base
    routes:
      - { name: strip, paths: [/strip] }
      - { name: keep, paths: [/keep], strip_path: false }
      - { name: preserve, paths: [/preserve], preserve_host: true }
      - { name: by-host, hosts: [api.example.com], paths: [/] }
      - { name: tls-only, paths: [/secure], protocols: [https] }
      - { name: tls-redirect, paths: [/moved], protocols: [https], https_redirect_status_code: 301 }
      - { name: regex, paths: ["~/items/(?<id>\\\\d+)$"], strip_path: false }
  - name: balanced
    host: pool.upstream
    routes:
      - { name: lb, paths: [/lb] }
  - name: off
    enabled: false
    url: http://127.0.0.1:${a.port}
    routes:
      - { name: disabled, paths: [/disabled] }
routes:
  - { name: orphan, paths: [/orphan] }
upstreams:
  - name: pool.upstream
    targets:
      - { target: "127.0.0.1:${a.port}", weight: 3 }
      - { target: "127.0.0.1:${b.port}", weight: 1 }
`);
  });

  after(async () => {
    await gw.stop();
    await a.close();
    await b.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => request(`${gw.proxy}${path}`, { headers });

  test('no route: 404 with Kong JSON body, request id and Kong headers', async () => {
    const res = await get('/nothing-here', { accept: 'application/json' });
    assert.equal(res.statusCode, 404);
    const id = res.headers['x-kong-request-id'] as string;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(await res.body.text(), `{\n  "message":"no Route matched with those values",\n  "request_id":"${id}"\n}`);
    assert.equal(res.headers['server'], 'kong/3.10.0');
    assert.ok(res.headers['x-kong-response-latency'] !== undefined);
  });

  test('strip_path joins the service path; headers sent upstream as Kong sends them', async () => {
    const before = a.seen.length;
    // node:http sends a Connection header as written (undici's client rewrites it).
    const res = await rawGet(`${gw.proxy}/strip/x/y?q=1`, { 'x-forwarded-for': '10.0.0.9', connection: 'keep-alive, x-hop', 'x-hop': 'secret' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, 'a');
    const up = a.seen[before];
    assert.equal(up.url, '/base/x/y?q=1');
    assert.equal(up.headers['x-forwarded-for'], '10.0.0.9, 127.0.0.1');
    assert.equal(up.headers['x-forwarded-proto'], 'http');
    assert.equal(up.headers['x-forwarded-path'], '/strip/x/y');
    assert.equal(up.headers['x-forwarded-prefix'], '/strip');
    assert.equal(up.headers['x-real-ip'], '127.0.0.1');
    assert.equal(up.headers['via'], '1.1 kong/3.10.0');
    assert.equal(up.headers['host'], `127.0.0.1:${a.port}`);
    assert.equal(up.headers['x-hop'], undefined);
    assert.equal(up.headers['x-kong-request-id'], res.headers['x-kong-request-id']);
    assert.match(String(res.headers['x-kong-upstream-latency']), /^\d+$/);
    assert.match(String(res.headers['x-kong-proxy-latency']), /^\d+$/);
    assert.equal(res.headers['via'], '1.1 kong/3.10.0');
  });

  test('strip_path false keeps the path; preserve_host keeps the client Host', async () => {
    await (await get('/keep/z')).body.text();
    assert.equal(a.seen.at(-1)!.url, '/base/keep/z');
    await (await get('/preserve', { host: 'client.example:8080' })).body.text();
    assert.equal(a.seen.at(-1)!.headers.host, 'client.example:8080');
  });

  test('host routing and regex paths with normalization', async () => {
    await (await get('/anything', { host: 'API.example.com' })).body.text();
    assert.equal(a.seen.at(-1)!.url, '/base/anything');
    const res = await get('/items/%34%32');
    assert.equal(res.statusCode, 200);
    await res.body.text();
    assert.equal(a.seen.at(-1)!.url, '/base/items/42');
    assert.equal((await get('/items/4x')).statusCode, 404);
  });

  test('https-only routes: 426 with Upgrade headers, or a redirect', async () => {
    const res = await get('/secure', { accept: 'application/json' });
    assert.equal(res.statusCode, 426);
    assert.equal(res.headers['upgrade'], 'TLS/1.2, HTTP/1.1');
    assert.match(await res.body.text(), /"message":"Please use HTTPS protocol"/);
    const moved = await get('/moved/x?y=1', { host: 'shop.example:8000' });
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers['location'], 'https://shop.example/moved/x?y=1');
    assert.equal(await moved.body.text(), '');
  });

  test('route without service: 503; route of a disabled service: 404', async () => {
    const res = await get('/orphan', { accept: 'application/json' });
    assert.equal(res.statusCode, 503);
    assert.match(await res.body.text(), /"message":"no Service found with those values"/);
    const off = await get('/disabled');
    assert.equal(off.statusCode, 404);
    await off.body.text();
  });

  test('an upstream entity balances over its targets by weight (smooth round-robin)', async () => {
    const counts: Record<string, number> = { a: 0, b: 0 };
    for (let i = 0; i < 40; i++) counts[await (await get('/lb')).body.text()]++;
    assert.deepEqual(counts, { a: 30, b: 10 });
  });

  test('admin: status, readiness and Kong-shaped entity lists', async () => {
    const status = await (await request(`${gw.admin}/status`)).body.json() as Record<string, unknown>;
    assert.equal(status.configuration_hash, gw.controller.current.hash);
    assert.ok((status.server as { total_requests: number }).total_requests > 0);
    assert.equal((await request(`${gw.admin}/status/ready`)).statusCode, 200);
    const routes = await (await request(`${gw.admin}/routes`)).body.json() as { data: Record<string, unknown>[]; next: null };
    assert.equal(routes.next, null);
    const strip = routes.data.find((r) => r.name === 'strip')!;
    assert.deepEqual(Object.keys(strip.service as object), ['id']);
    const one = await request(`${gw.admin}/services/svc-a`);
    assert.equal(one.statusCode, 200);
    assert.equal(((await one.body.json()) as { name: string }).name, 'svc-a');
    assert.equal((await request(`${gw.admin}/services/nope`)).statusCode, 404);
    assert.equal((await request(`${gw.admin}/routes`, { method: 'POST' })).statusCode, 405);
  });
});
