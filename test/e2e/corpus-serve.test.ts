import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { startGatewayAt } from './gateway-harness.js';

/** Real Kong files from the shared corpus, served as they are; only answers gatewayd gives itself are exercised (loopback only). */
const CORPUS = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'kong-corpus', 'valid');
const json = { accept: 'application/json' };

test('valid/012: key-auth on a nested route answers 401 without a key, as Kong', async () => {
  const gw = await startGatewayAt(join(CORPUS, '012-spec-flatten-issue5920.yaml'), { stateDir: null });
  try {
    const res = await request(`${gw.proxy}/test/path`, { headers: json });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['www-authenticate'], 'Key');
    const id = res.headers['x-kong-request-id'];
    assert.equal(await res.body.text(), `{\n  "message":"No API key found in request",\n  "request_id":"${id}"\n}`);
    const bad = await request(`${gw.proxy}/test/path?apikey=nope`, { headers: json });
    assert.equal(bad.statusCode, 401);
    assert.match(await bad.body.text(), /"message":"Unauthorized"/);
  } finally {
    await gw.stop();
  }
});

test('valid/048: a global basic-auth whose anonymous consumer does not exist answers 500 with Kong\'s message', async () => {
  const gw = await startGatewayAt(join(CORPUS, '048-deck-simple-entities-1-1.yaml'), { stateDir: null });
  try {
    const res = await request(`${gw.proxy}/r1`, { headers: json });
    assert.equal(res.statusCode, 500);
    assert.match(await res.body.text(), /"message":"anonymous consumer 58076db2-28b6-423b-ba39-a797193017f7 is configured but doesn't exist"/);
  } finally {
    await gw.stop();
  }
});

test('valid/070: request-termination on service and routes, the route instance winning where it exists', async () => {
  const file = join(CORPUS, '070-apiops-generic-plugins.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    services: { plugins?: { name: string; config: { message: string; status_code: number } }[]; routes: { paths: string[]; methods?: string[]; plugins?: { config: { message: string } }[] }[] }[];
  };
  const gw = await startGatewayAt(file, { stateDir: null });
  try {
    let checked = 0;
    for (const service of doc.services) {
      const serviceMessage = service.plugins?.find((p) => p.name === 'request-termination')?.config.message;
      for (const route of service.routes) {
        const path = route.paths[0].replace(/^~/, '').replace(/\$$/, '');
        const expected = route.plugins?.[0]?.config.message ?? serviceMessage;
        if (!expected || /[()[\]*+?\\]/.test(path)) continue;
        const res = await request(`${gw.proxy}${path}`, { method: (route.methods?.[0] ?? 'GET') as 'GET' });
        assert.equal(res.statusCode, 403, path);
        assert.equal(await res.body.text(), JSON.stringify({ message: expected }), path);
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
        checked++;
      }
    }
    assert.ok(checked >= 3, `checked ${checked} routes`);
  } finally {
    await gw.stop();
  }
});
