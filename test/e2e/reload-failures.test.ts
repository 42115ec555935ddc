/**
 * A bad file never takes a good gateway down: broken and half-written files
 * under load are refused (old config keeps serving, /status, /metrics and
 * the log say what is wrong, with file:line:col), the fixed file applies;
 * and the last known good configuration: a start with a broken file serves
 * the saved one (degraded) until the file is fixed, a start with a broken
 * file and nothing saved fails with StartError.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { request } from 'undici';
import { startEcho, startGatewayAt, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';
import { StartError } from '../../src/runtime/gateway.js';
import {
  adminStatus, assertOnlyExpected, captureLog, echoConfig, startLoad, waitForHashChange, waitForReloads, reloadCount, firstAnswer, waitUntil,
} from './load-generator.js';

describe('a bad file never takes a good gateway down', () => {
  let oldUp: EchoUpstream;
  let newUp: EchoUpstream;
  let A: string;
  let B: string;

  before(async () => {
    oldUp = await startEcho('old');
    newUp = await startEcho('new');
    A = echoConfig({ old: oldUp.port });
    B = echoConfig({ old: oldUp.port, new: newUp.port });
  });

  after(async () => {
    await oldUp.close();
    await newUp.close();
  });

  test('broken, invalid and half-written files under load are refused and reported; the fixed file applies', async () => {
    const log = captureLog();
    const gw = await startTestGateway(A, { workers: 2, watch: true, log: pino({ level: 'info' }, log.stream) });
    const load = startLoad({ url: gw.proxy, paths: ['/old', '/new'], maxMs: 10_000 });
    try {
      const hash = gw.controller.current.hash;
      const file = gw.configFile;
      // 1. not YAML: an unclosed flow sequence
      let n = reloadCount(gw);
      writeFileSync(file, `_format_version: "3.0"\nservices:\n  - name: old\n    url: http://127.0.0.1:${oldUp.port}\n    routes: [ { name: x, paths: [/x] }\n`);
      await waitForReloads(gw, n);
      let status = await adminStatus(gw);
      assert.equal(status.last_reload?.ok, false);
      assert.ok(status.last_reload!.issues_count >= 1);
      assert.match(String(status.last_reload?.first_issue), new RegExp(`^${escape(file)}:\\d+:\\d+ syntax `));
      assert.equal(status.configuration_hash, hash);

      // 2. valid YAML, invalid configuration: the exact place is reported
      n = reloadCount(gw);
      writeFileSync(file, `_format_version: "3.0"\nservices:\n  - name: old\n    url: http://127.0.0.1:${oldUp.port}\n    retries: -4\n`);
      await waitForReloads(gw, n);
      status = await adminStatus(gw);
      assert.equal(status.last_reload?.ok, false);
      assert.equal(status.last_reload?.issues_count, 1);
      assert.equal(status.last_reload?.first_issue, `${file}:5:14 schema-range value should be between 0 and 32767`);
      assert.equal(status.configuration_hash, hash);
      // ...each issue is logged with file:line:col
      assert.ok(log.lines.some((l) => l.at === `${file}:5:14` && l.msg === 'value should be between 0 and 32767' && l.level === 50), 'issue not logged with file:line:col');

      // 3. half-written: the new config cut in the middle of a URL's scheme
      // (cut a few bytes later, `url: http://127` is a valid URL: a prefix that happens to be valid would be applied)
      n = reloadCount(gw);
      writeFileSync(file, B.slice(0, B.lastIndexOf('url: http') + 8));
      await waitForReloads(gw, n);
      assert.equal(gw.controller.status.lastReload?.ok, false);
      assert.equal(gw.controller.current.hash, hash);

      // /metrics counts the refusals
      const metrics = await (await request(`${gw.admin}/metrics`)).body.text();
      assert.match(metrics, /gatewayd_config_reloads_total\{result="failure"\} 3\n/);
      assert.match(metrics, /gatewayd_config_reloads_total\{result="success"\} 0\n/);
      assert.match(metrics, /gatewayd_config_last_reload_ok 0\n/);

      // 4. fixed: applies within a second, and /status says all is well again
      const fixedAt = performance.now();
      writeFileSync(file, B);
      await waitForHashChange(gw, hash, 1000);
      await waitUntil(() => firstAnswer(load.samples, '/new', '200 new', fixedAt) !== undefined, 1000, '/new to answer');
      status = await adminStatus(gw);
      assert.equal(status.last_reload?.ok, true);
      assert.equal(status.degraded, false);
      assert.deepEqual(status.reloads, { success: 1, failure: 3 });
      assert.match(await (await request(`${gw.admin}/metrics`)).body.text(), /gatewayd_config_last_reload_ok 1\n/);
    } finally {
      const samples = await load.stop();
      await gw.stop();
      // through all of it: the old config's answers, then the new one's; never a 5xx or a reset
      assertOnlyExpected(samples, { '/old': ['200 old'], '/new': ['404', '200 new'] });
      assert.ok(samples.length > 100, `only ${samples.length} requests`);
    }
  });

  test('a broken edit reverted to the configuration in force: /status is ok again, nothing swapped', async () => {
    const gw = await startTestGateway(A, { workers: 1, watch: true });
    try {
      writeFileSync(gw.configFile, 'services: [');
      await waitForReloads(gw, 0);
      assert.equal((await adminStatus(gw)).last_reload?.ok, false);
      writeFileSync(gw.configFile, A);
      await waitUntil(() => gw.controller.status.lastReload?.ok === true, 2000, 'last_reload.ok');
      const status = await adminStatus(gw);
      assert.equal(status.reloads.success, 0, 'the same configuration was swapped again');
      assert.equal(status.last_reload?.issues_count, 0);
    } finally {
      await gw.stop();
    }
  });

  test('last known good: a start with a broken file serves the saved configuration (degraded) until the file is fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatewayd-lkg-'));
    const file = join(dir, 'kong.yml');
    const stateDir = join(dir, 'state');
    // a first run saves its configuration...
    writeFileSync(file, A);
    const first = await startGatewayAt(file, { workers: 1, stateDir });
    const goodHash = first.controller.current.hash;
    await first.stop();
    // ...the file is broken while the gateway is down...
    writeFileSync(file, '_format_version: "3.0"\nservices:\n  - name: old\n    host: 127.0.0.1\n    port: 99999\n');
    const log = captureLog();
    const gw = await startGatewayAt(file, { workers: 2, watch: true, stateDir, log: pino({ level: 'info' }, log.stream) });
    try {
      // ...and the next start serves the saved one, says so in the log and on /status
      assert.equal(gw.controller.current.hash, goodHash);
      const res = await request(`${gw.proxy}/old`);
      assert.equal(res.statusCode, 200);
      assert.equal(await res.body.text(), 'old');
      let status = await adminStatus(gw);
      assert.equal(status.degraded, true);
      assert.equal(status.configuration.kind, 'last-known-good');
      assert.equal(status.last_reload?.ok, false);
      assert.equal(status.last_reload?.trigger, 'start');
      assert.equal(status.last_reload?.first_issue, `${file}:5:11 schema-range value should be between 0 and 65535`);
      assert.match(await (await request(`${gw.admin}/metrics`)).body.text(), /gatewayd_config_degraded 1\n/);
      const said = log.lines.find((l) => String(l.msg).includes('serving the last known good configuration'));
      assert.ok(said, 'the log does not say the last known good configuration is served');
      assert.equal(said.first_issue, `${file}:5:11 value should be between 0 and 65535`);
      assert.ok(log.lines.some((l) => l.msg === 'gatewayd started' && l.degraded === true));

      // fixing the file applies it and ends the degraded state
      const load = startLoad({ url: gw.proxy, paths: ['/old', '/new'], keepAlive: 1, fresh: 1, maxMs: 5000 });
      writeFileSync(file, B);
      await waitForHashChange(gw, goodHash, 1000);
      const samples = await load.stop();
      assertOnlyExpected(samples, { '/old': ['200 old'], '/new': ['404', '200 new'] });
      status = await adminStatus(gw);
      assert.equal(status.degraded, false);
      assert.equal(status.configuration.kind, 'file');
      assert.equal(status.last_reload?.ok, true);
      const fresh = await request(`${gw.proxy}/new`);
      assert.equal(await fresh.body.text(), 'new');
      assert.match(await (await request(`${gw.admin}/metrics`)).body.text(), /gatewayd_config_degraded 0\n/);
    } finally {
      await gw.stop();
    }
  });

  test('last known good: a start with a broken file and nothing saved fails with StartError (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatewayd-nolkg-'));
    const file = join(dir, 'kong.yml');
    writeFileSync(file, '_format_version: "3.0"\nservices:\n  - name: x\n    url: nope://\n');
    for (const stateDir of [join(dir, 'empty-state'), null]) {
      await assert.rejects(startGatewayAt(file, { workers: 1, stateDir }), (err: unknown) => {
        assert.ok(err instanceof StartError);
        assert.equal(err.message, 'invalid configuration: not starting');
        assert.match(err.details, new RegExp(`${escape(file)}:4:10`));
        return true;
      });
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
