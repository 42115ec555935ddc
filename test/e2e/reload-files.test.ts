/**
 * Hot reload from files, under continuous load (keep-alive and new
 * connections), for each way a file changes: in place, truncate-then-write
 * in steps, editor rename, Kubernetes ConfigMap symlink swap, a config
 * directory gaining and losing files, and polling alone (no file events).
 * Each proves: zero unexpected answers (no 5xx, no reset), nothing stale
 * after the swap, and the new route within 1 s of the change (the poll
 * interval + 1 s when polling).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStartOptions } from '../../src/cli/start-options.js';
import { startEcho, startGatewayAt, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';
import { adminStatus, echoConfig, reloadCount, runReloadScenario, startLoad, assertOnlyExpected, waitForHashChange } from './load-generator.js';

const pick = ({ watch, pollInterval }: { watch: boolean; pollInterval: number }) => ({ watch, pollInterval });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('hot reload from files under load', () => {
  let oldUp: EchoUpstream;
  let newUp: EchoUpstream;
  let A: string;
  let B: string;
  const gateways: TestGateway[] = [];
  /** change → first answer of the new route, per way of changing, for the report */
  const timings: Record<string, string> = {};

  before(async () => {
    oldUp = await startEcho('old');
    newUp = await startEcho('new');
    A = echoConfig({ old: oldUp.port });
    B = echoConfig({ old: oldUp.port, new: newUp.port });
  });

  after(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await oldUp.close();
    await newUp.close();
    console.log(`reload timings (ms from change to new route): ${JSON.stringify(timings)}`);
  });

  const start = async (yaml: string, opts: Parameters<typeof startTestGateway>[1] = {}) => {
    const gw = await startTestGateway(yaml, { workers: 2, watch: true, ...opts });
    gateways.push(gw);
    return gw;
  };

  /** Old config: /old only; new: /old and /new. */
  const addNewRoute = (gw: TestGateway, change: () => Promise<number>, withinMs = 1000) =>
    runReloadScenario({
      gw,
      paths: ['/old', '/new'],
      allowed: { '/old': ['200 old'], '/new': ['404', '200 new'] },
      after: { '/old': '200 old', '/new': '200 new' },
      marker: { path: '/new', answer: '200 new' },
      change,
      withinMs,
    });

  test('(1) in-place write (writeFileSync on the same inode)', async () => {
    const gw = await start(A);
    const r = await addNewRoute(gw, async () => {
      writeFileSync(gw.configFile, B);
      return performance.now();
    });
    timings['in-place'] = `${r.latencyMs} ms (${r.requests} requests)`;
    const status = await adminStatus(gw);
    assert.equal(status.last_reload?.ok, true);
    assert.equal(status.configuration.kind, 'file');
    assert.equal(status.configuration_hash, gw.controller.current.hash);
  });

  test('(2) truncate then write in steps: every half-written state is refused while the old config serves', async () => {
    const gw = await start(A);
    // Cut mid-token so that no prefix is a valid configuration (an empty file and a cut URL are both refused).
    const cut1 = B.indexOf('paths: [/old]') + 4;
    const cut2 = B.indexOf('url: http://127.0.0.1', cut1) + 9;
    const parts = [B.slice(0, cut1), B.slice(cut1, cut2), B.slice(cut2)];
    const refusedBefore = gw.controller.status.counts.failure;
    const r = await addNewRoute(gw, async () => {
      writeFileSync(gw.configFile, '');
      await sleep(250);
      for (const part of parts.slice(0, -1)) {
        appendFileSync(gw.configFile, part);
        await sleep(250);
        // the half-written state was read and refused: still the old configuration
        assert.equal(gw.controller.status.lastReload?.ok, false, 'half-written state not refused');
      }
      appendFileSync(gw.configFile, parts.at(-1)!);
      return performance.now();
    });
    timings['truncate-then-write'] = `${r.latencyMs} ms (${r.requests} requests)`;
    assert.ok(gw.controller.status.counts.failure - refusedBefore >= 3, `only ${gw.controller.status.counts.failure - refusedBefore} half-written states refused`);
    assert.equal(gw.controller.status.lastReload?.ok, true);
  });

  test('(3) editor style: write a temp file and rename it over the original (new inode)', async () => {
    const gw = await start(A);
    const r = await addNewRoute(gw, async () => {
      const tmp = `${gw.configFile}.swp`;
      writeFileSync(tmp, B);
      renameSync(tmp, gw.configFile);
      return performance.now();
    });
    timings['rename-over'] = `${r.latencyMs} ms (${r.requests} requests)`;
  });

  test('(4) Kubernetes ConfigMap: kong.yml -> ..data/kong.yml, ..data swapped atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatewayd-k8s-'));
    const first = '..2026_11_22_01_02_03.123';
    mkdirSync(join(dir, first));
    writeFileSync(join(dir, first, 'kong.yml'), A);
    symlinkSync(first, join(dir, '..data'));
    symlinkSync('..data/kong.yml', join(dir, 'kong.yml'));
    const gw = await startGatewayAt(join(dir, 'kong.yml'), { workers: 2, watch: true });
    gateways.push(gw);
    const r = await addNewRoute(gw, async () => {
      // what kubelet's atomic writer does
      const next = '..2026_11_22_01_02_04.456';
      mkdirSync(join(dir, next));
      writeFileSync(join(dir, next, 'kong.yml'), B);
      symlinkSync(next, join(dir, '..data_tmp'));
      renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
      rmSync(join(dir, first), { recursive: true });
      return performance.now();
    });
    timings['configmap-symlink-swap'] = `${r.latencyMs} ms (${r.requests} requests)`;
  });

  test('(5) config directory: a file added, then removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatewayd-dir-'));
    const conf = join(dir, 'conf.d');
    mkdirSync(conf);
    writeFileSync(join(conf, 'a.yml'), A);
    const gw = await startGatewayAt(conf, { workers: 2, watch: true });
    gateways.push(gw);
    const nOnly = echoConfig({ new: newUp.port });
    const added = await addNewRoute(gw, async () => {
      writeFileSync(join(conf, 'b.yml'), nOnly);
      return performance.now();
    });
    assert.deepEqual(gw.controller.status.source.files, [join(conf, 'a.yml'), join(conf, 'b.yml')]);
    const removed = await runReloadScenario({
      gw,
      paths: ['/old', '/new'],
      allowed: { '/old': ['200 old'], '/new': ['404', '200 new'] },
      after: { '/old': '200 old', '/new': '404' },
      marker: { path: '/new', answer: '404' },
      change: async () => {
        unlinkSync(join(conf, 'b.yml'));
        return performance.now();
      },
    });
    timings['directory-add'] = `${added.latencyMs} ms (${added.requests} requests)`;
    timings['directory-remove'] = `${removed.latencyMs} ms (${removed.requests} requests)`;
    assert.deepEqual(gw.controller.status.source.files, [join(conf, 'a.yml')]);
  });

  test('(6) polling alone (watch off, poll interval 300 ms): the change is found by the poll', async () => {
    const gw = await start(A, { watch: false, pollInterval: 300 });
    const r = await addNewRoute(gw, async () => {
      writeFileSync(gw.configFile, B);
      return performance.now();
    }, 300 + 1000);
    timings['poll-only'] = `${r.latencyMs} ms (${r.requests} requests)`;
    assert.equal(gw.controller.status.lastReload?.trigger, 'poll');
  });

  test('options: --no-watch alone polls nothing; --no-watch with --poll-interval polls; the default watches and polls', () => {
    const base = { config: ['kong.yml'], workers: '1', drainTimeout: '0', adminListen: 'off' };
    assert.deepEqual(pick(readStartOptions({ ...base })), { watch: true, pollInterval: 2000 });
    assert.deepEqual(pick(readStartOptions({ ...base, watch: false })), { watch: false, pollInterval: 0 });
    assert.deepEqual(pick(readStartOptions({ ...base, watch: false, pollInterval: '500' })), { watch: false, pollInterval: 500 });
    assert.deepEqual(pick(readStartOptions({ ...base, pollInterval: '0' })), { watch: true, pollInterval: 0 });
  });

  test('unchanged content (rewritten, touched) changes nothing; a burst of writes gives one reload of the last', async () => {
    const gw = await start(A);
    const load = startLoad({ url: gw.proxy, paths: ['/old', '/new'], keepAlive: 1, fresh: 1, maxMs: 5000 });
    try {
      const before = reloadCount(gw);
      const hash = gw.controller.status.source.hash;
      writeFileSync(gw.configFile, A);
      await sleep(400);
      assert.equal(reloadCount(gw), before, 'rewriting the same bytes counted as a reload');
      assert.equal(gw.controller.status.source.hash, hash);
      // three different contents within the debounce: only the last is applied
      const C = echoConfig({ old: oldUp.port, new: newUp.port }, `  - name: other\n    url: http://127.0.0.1:${oldUp.port}\n    routes:\n      - { name: other, paths: [/other] }\n`);
      writeFileSync(gw.configFile, B);
      await sleep(20);
      writeFileSync(gw.configFile, 'not: [valid');
      await sleep(20);
      writeFileSync(gw.configFile, C);
      await waitForHashChange(gw, hash);
      await sleep(400);
      assert.equal(reloadCount(gw), before + 1, 'a burst of writes gave more than one reload');
      assert.equal(gw.controller.status.counts.failure, 0);
      assert.deepEqual(gw.controller.current.config.routes.map((r) => r.name).sort(), ['new-route', 'old-route', 'other']);
    } finally {
      assertOnlyExpected(await load.stop(), { '/old': ['200 old'], '/new': ['404', '200 new'] });
    }
  });
});
