import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

/** kong.response.error's JSON template. */
const errorJson = (message: string, id: string) => `{\n  "message":"${message}",\n  "request_id":"${id}"\n}`;

describe('ip-restriction through the gateway (client 127.0.0.1)', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    up = await startEcho('up');
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:${up.port}
    routes:
      - name: deny-cidr
        paths: [/deny-cidr]
        plugins: [{ name: ip-restriction, config: { deny: ["127.0.0.0/8"] } }]
      - name: deny-other
        paths: [/deny-other]
        plugins: [{ name: ip-restriction, config: { deny: ["10.0.0.0/8", "192.168.0.1"] } }]
      - name: allow-other
        paths: [/allow-other]
        plugins: [{ name: ip-restriction, config: { allow: ["10.0.0.0/8"] } }]
      - name: allow-me
        paths: [/allow-me]
        plugins: [{ name: ip-restriction, config: { allow: ["127.0.0.1/32", "::1"] } }]
      - name: deny-wins
        paths: [/deny-wins]
        plugins: [{ name: ip-restriction, config: { allow: ["127.0.0.0/8"], deny: ["127.0.0.1"] } }]
      - name: custom
        paths: [/custom]
        plugins: [{ name: ip-restriction, config: { deny: ["127.0.0.1"], status: 401, message: "Go away" } }]
      - name: custom-status
        paths: [/custom-status]
        plugins: [{ name: ip-restriction, config: { allow: ["10.0.0.1"], status: 451 } }]
      - name: open
        paths: [/open]
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  test('a denied IPv4 CIDR: 403 with Kong\'s error body and request id; the upstream is not called', async () => {
    const before = up.seen.length;
    const res = await request(`${gw.proxy}/deny-cidr`);
    assert.equal(res.statusCode, 403);
    const id = res.headers['x-kong-request-id'] as string;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(await res.body.text(), errorJson('IP address not allowed: 127.0.0.1', id));
    assert.equal(res.headers['server'], 'kong/3.10.0');
    assert.equal(up.seen.length, before);
  });

  test('not in the deny list: proxied', async () => {
    const res = await request(`${gw.proxy}/deny-other`);
    assert.equal(res.statusCode, 200);
    assert.equal(await res.body.text(), 'up');
  });

  test('allow list without the client: 403; with it: proxied', async () => {
    const res = await request(`${gw.proxy}/allow-other`);
    assert.equal(res.statusCode, 403);
    assert.equal(await res.body.text(), errorJson('IP address not allowed: 127.0.0.1', res.headers['x-kong-request-id'] as string));
    const ok = await request(`${gw.proxy}/allow-me`);
    assert.equal(ok.statusCode, 200);
    assert.equal(await ok.body.text(), 'up');
  });

  test('deny is checked before allow', async () => {
    const res = await request(`${gw.proxy}/deny-wins`);
    assert.equal(res.statusCode, 403);
    await res.body.text();
  });

  test('configured status and message', async () => {
    const res = await request(`${gw.proxy}/custom`);
    assert.equal(res.statusCode, 401);
    assert.equal(await res.body.text(), errorJson('Go away', res.headers['x-kong-request-id'] as string));
    const other = await request(`${gw.proxy}/custom-status`);
    assert.equal(other.statusCode, 451);
    assert.equal(await other.body.text(), errorJson('IP address not allowed: 127.0.0.1', other.headers['x-kong-request-id'] as string));
  });

  test('the error body follows Accept (text/plain template)', async () => {
    const res = await request(`${gw.proxy}/deny-cidr`, { headers: { accept: 'text/plain' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(await res.body.text(), `IP address not allowed: 127.0.0.1\nrequest_id: ${res.headers['x-kong-request-id']}\n`);
  });

  test('routes without the plugin are not affected', async () => {
    const res = await request(`${gw.proxy}/open`);
    assert.equal(res.statusCode, 200);
    await res.body.text();
  });
});
