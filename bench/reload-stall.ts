/**
 * Reload of a large configuration while serving: how long a worker's event
 * loop is held (the longest a request can wait because of the reload).
 *
 *   npm run build && node --import tsx bench/reload-stall.ts [routes=10000] [reloads=5]
 *
 * Starts the built gateway (2 workers) on a generated config with N routes,
 * keeps a probe request in flight every 2 ms on keep-alive connections, and
 * applies N-route configurations by POST /config, alternating two of them.
 * Reports per reload: time to apply, the workers' longest event-loop stall
 * (from /status: last_reload.worker_max_stall_ms), and the probe's slowest
 * answer during the reload vs its slowest answer at rest. Loopback only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, request } from 'undici';
import { freePort } from '../test/e2e/gateway-harness.js';

const routes = Number(process.argv[2] ?? 10000);
const reloads = Number(process.argv[3] ?? 5);

function config(n: number, variant: string, upstreamPort: number): string {
  let out = '_format_version: "3.0"\nservices:\n';
  for (let s = 0; s < n / 2; s++) {
    out += `  - name: ${variant}-svc-${s}\n    url: http://127.0.0.1:${upstreamPort}/s${s}\n    routes:\n`;
    for (let r = 0; r < 2; r++) out += `      - name: ${variant}-r-${s}-${r}\n        paths: [/${variant}/v${r}/svc-${s}]\n        hosts: [h${s % 50}.example.com]\n`;
  }
  out += `  - name: probe\n    url: http://127.0.0.1:${upstreamPort}\n    routes:\n      - name: probe\n        paths: [/probe]\n`;
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const upstream = createServer((_, res) => res.end('ok'));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const upPort = (upstream.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'gatewayd-reload-'));
  const texts = ['a', 'b'].map((v) => config(routes, v, upPort));
  writeFileSync(join(dir, 'kong.yml'), texts[0]);
  const [port, admin] = [await freePort(), await freePort()];
  const gw = spawn(process.execPath, ['bin/gatewayd', '--config', join(dir, 'kong.yml'), '--listen', `127.0.0.1:${port}`,
    '--admin-listen', `127.0.0.1:${admin}`, '--workers', '2', '--no-watch', '--state-dir', 'off'], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitReady(`http://127.0.0.1:${admin}/status/ready`);
    const probe = new Probe(`http://127.0.0.1:${port}`);
    void probe.run();
    await sleep(1500);
    const rest = probe.takeMax();
    const rows: { applyMs: number; stallMs: number; probeMaxMs: number }[] = [];
    for (let i = 1; i <= reloads; i++) {
      await sleep(500);
      probe.takeMax();
      const t = performance.now();
      const res = await request(`http://127.0.0.1:${admin}/config`, { method: 'POST', body: texts[i % 2], headers: { 'content-type': 'text/yaml' } });
      await res.body.text();
      if (res.statusCode !== 201) throw new Error(`POST /config answered ${res.statusCode}`);
      const applyMs = performance.now() - t;
      const status = await (await request(`http://127.0.0.1:${admin}/status`)).body.json() as { last_reload: { worker_max_stall_ms: number } };
      rows.push({ applyMs, stallMs: status.last_reload.worker_max_stall_ms, probeMaxMs: probe.takeMax() });
    }
    probe.stop();
    console.log(`reload of ${routes} routes, 2 workers, ${reloads} reloads (probe at rest: slowest ${rest.toFixed(1)} ms, errors ${probe.errors})`);
    console.log('reload  apply_ms  worker_max_stall_ms  probe_slowest_ms');
    rows.forEach((r, i) => console.log(`${String(i + 1).padStart(6)}  ${r.applyMs.toFixed(0).padStart(8)}  ${r.stallMs.toFixed(1).padStart(19)}  ${r.probeMaxMs.toFixed(1).padStart(16)}`));
    console.log(`median  ${median(rows.map((r) => r.applyMs)).toFixed(0).padStart(8)}  ${median(rows.map((r) => r.stallMs)).toFixed(1).padStart(19)}  ${median(rows.map((r) => r.probeMaxMs)).toFixed(1).padStart(16)}`);
  } finally {
    gw.kill('SIGTERM');
    upstream.close();
  }
}

class Probe {
  private pool: Pool;
  private max = 0;
  private running = true;
  errors = 0;

  constructor(origin: string) {
    this.pool = new Pool(origin, { connections: 4 });
  }

  async run(): Promise<void> {
    while (this.running) {
      const t = performance.now();
      try {
        const res = await this.pool.request({ path: '/probe', method: 'GET' });
        await res.body.text();
        if (res.statusCode !== 200) this.errors++;
      } catch {
        this.errors++;
      }
      this.max = Math.max(this.max, performance.now() - t);
      await sleep(2);
    }
  }

  takeMax(): number {
    const m = this.max;
    this.max = 0;
    return m;
  }

  stop(): void {
    this.running = false;
    void this.pool.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await request(url);
      await res.body.text();
      if (res.statusCode === 200) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error('gateway did not become ready');
}

await main();
