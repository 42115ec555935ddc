/**
 * What a reload keeps and what it must not keep: an unchanged upstream keeps
 * its round-robin position across reloads; fifty reloads leave no growth
 * behind (heap, RSS, listeners).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';
import { assertOnlyExpected, echoConfig, startLoad } from './load-generator.js';

const postConfig = async (gw: TestGateway, body: string) => {
  const res = await request(`${gw.admin}/config`, { method: 'POST', body, headers: { 'content-type': 'application/x-yaml' } });
  const json = (await res.body.json()) as { configuration_hash?: string };
  assert.equal(res.statusCode, 201, JSON.stringify(json));
  return json.configuration_hash!;
};

describe('state across reloads', () => {
  let a: EchoUpstream;
  let b: EchoUpstream;

  before(async () => {
    a = await startEcho('a');
    b = await startEcho('b');
  });

  after(async () => {
    await a.close();
    await b.close();
  });

  test('a reload that keeps an upstream keeps its weighted round-robin position', async () => {
    const upstream = (extraRoute: string) => `_format_version: "3.0"
services:
  - name: balanced
    host: pool.upstream
    routes:
      - { name: lb, paths: [/lb] }
  - name: side
    url: http://127.0.0.1:${a.port}
    routes:
      - { name: side, paths: [${extraRoute}] }
upstreams:
  - name: pool.upstream
    targets:
      - { target: "127.0.0.1:${a.port}", weight: 3 }
      - { target: "127.0.0.1:${b.port}", weight: 1 }
`;
    // one worker: the balancer state is per worker
    const gw = await startTestGateway(upstream('/side-1'), { workers: 1 });
    try {
      const pick = async () => (await (await request(`${gw.proxy}/lb`)).body.text());
      const seen: string[] = [];
      for (let i = 0; i < 2; i++) seen.push(await pick());
      const h1 = gw.controller.current.hash;
      assert.notEqual(await postConfig(gw, upstream('/side-2')), h1); // only an unrelated route changes
      assert.equal((await request(`${gw.proxy}/side-2`)).statusCode, 200);
      for (let i = 0; i < 3; i++) seen.push(await pick());
      await postConfig(gw, upstream('/side-3'));
      for (let i = 0; i < 3; i++) seen.push(await pick());
      // smooth weighted round-robin over 3:1 is a a b a; a restart after each reload would give a a | a a b | a a b
      assert.deepEqual(seen, ['a', 'a', 'b', 'a', 'a', 'a', 'b', 'a']);

      // changing the targets is a new balancing set: it starts over
      await postConfig(gw, upstream('/side-3').replace('weight: 1', 'weight: 2'));
      const next: string[] = [];
      for (let i = 0; i < 5; i++) next.push(await pick());
      assert.deepEqual(next, ['a', 'b', 'a', 'b', 'a']); // 3:2 from the start
    } finally {
      await gw.stop();
    }
  });

  test('fifty reloads under load: no growth in heap, RSS or listeners', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    // two configurations large enough that keeping each old one would show: 200 routes each
    const many = (tag: string) => echoConfig(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${tag}${i}`, i % 2 ? a.port : b.port])));
    const configs = [many('x'), many('y')];
    const gw = await startTestGateway(configs[0], { workers: 2 });
    const load = startLoad({ url: gw.proxy, paths: ['/x1', '/y1', '/x2'], keepAlive: 1, fresh: 1, maxMs: 25_000 });
    try {
      // collect everywhere (this thread and each worker, where the Snapshots live), then measure
      const settle = async () => {
        for (let i = 0; i < 2; i++) {
          gc();
          await gw.workerMemory({ gc: true });
          await new Promise((r) => setTimeout(r, 30));
        }
        return { main: process.memoryUsage(), workers: await gw.workerMemory({ gc: true }) };
      };
      for (let i = 0; i < 10; i++) await postConfig(gw, configs[i % 2]); // warm up
      const base = await settle();
      const started = performance.now();
      for (let i = 0; i < 50; i++) await postConfig(gw, configs[i % 2]);
      const took = performance.now() - started;
      const end = await settle();
      const mib = (n: number) => n / 2 ** 20;
      const heapGrowth = mib(end.main.heapUsed - base.main.heapUsed);
      const rssGrowth = mib(end.main.rss - base.main.rss);
      const workerGrowth = end.workers.map((w) => mib(w.heapUsed - base.workers.find((b) => b.worker === w.worker)!.heapUsed));
      console.log(`50 reloads in ${Math.round(took)} ms; growth: main heap ${heapGrowth.toFixed(1)} MiB, worker heaps ${workerGrowth.map((g) => g.toFixed(1)).join(', ')} MiB, process RSS ${rssGrowth.toFixed(1)} MiB`);
      assert.equal(gw.controller.status.counts.success, 60);
      assert.equal(end.workers.length, 2);
      assert.ok(heapGrowth < 5, `main heap grew ${heapGrowth.toFixed(1)} MiB over 50 reloads`);
      for (const g of workerGrowth) assert.ok(g < 5, `a worker heap grew ${g.toFixed(1)} MiB over 50 reloads`);
      // The heaps are the measure (a kept Snapshot of 200 routes per reload and worker would add tens of MiB);
      // RSS only catches what lives outside them: it moves ±25 MiB between samples under load (allocator arenas).
      assert.ok(rssGrowth < 60, `RSS grew ${rssGrowth.toFixed(1)} MiB over 50 reloads`);
      assert.deepEqual(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning')), [], 'listeners pile up per reload');
    } finally {
      process.off('warning', onWarning);
      const samples = await load.stop();
      await gw.stop();
      assertOnlyExpected(samples, { '/x1': ['404', '200 a'], '/y1': ['404', '200 a'], '/x2': ['404', '200 b'] });
    }
  });
});
