/**
 * Plugin overhead (a script, not a test): gatewayd with 1 worker, the same
 * upstream, two routes in one configuration: `/plain` without plugins and
 * `/auth` with key-auth + acl (the key and the group are valid, so every
 * request is authenticated, authorized and proxied). wrk -t1 -c50 on each,
 * ROUNDS interleaved rounds of SECONDS; medians; ratio auth / plain.
 * Target: >= 85%.
 *
 *   npm run build && node --import tsx bench/plugins.ts
 *   ROUNDS=3 SECONDS=3 node --import tsx bench/plugins.ts    # quicker
 *
 * The gateway is pinned to core 0, wrk and the upstream (a node:http server
 * in a child process) to core 1, when taskset exists. Loopback only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/e2e/gateway-harness.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 5);
const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
const pin = (core: number, cmd: string[]) => (hasTaskset ? ['taskset', '-c', String(core), ...cmd] : cmd);
const children: ChildProcess[] = [];

function launch(cmd: string[]): ChildProcess {
  const child = spawn(cmd[0], cmd.slice(1), { stdio: 'ignore' });
  children.push(child);
  return child;
}

const UPSTREAM = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => s.end('hello world\\n')); }).listen(Number(process.argv[1]), '127.0.0.1')`;

function config(upstreamPort: number): string {
  return `_format_version: "3.0"
services:
  - name: bench
    url: http://127.0.0.1:${upstreamPort}
    routes:
      - { name: plain, paths: [/plain], strip_path: false }
      - name: auth
        paths: [/auth]
        strip_path: false
        plugins:
          - { name: key-auth }
          - { name: acl, config: { allow: [bench] } }
consumers:
  - username: bencher
    keyauth_credentials: [{ key: bench-key-0123456789 }]
    acls: [{ group: bench }]
`;
}

async function waitFor(url: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(url, { headers });
      if (res.status === 200) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200`);
}

function wrk(url: string, headers: string[]): number {
  const args = ['-t1', '-c50', `-d${SECONDS}s`, ...headers.flatMap((h) => ['-H', h]), url];
  const out = spawnSync(pin(1, ['wrk', ...args])[0], pin(1, ['wrk', ...args]).slice(1), { encoding: 'utf8' }).stdout;
  const m = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (non2xx) throw new Error(`${url}: ${non2xx[1]} non-2xx answers`);
  return m ? Number(m[1]) : 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const [upPort, gwPort] = [await freePort(), await freePort()];
  launch(pin(1, [process.execPath, '-e', UPSTREAM, String(upPort)]));
  const dir = mkdtempSync(join(tmpdir(), 'gatewayd-plugins-bench-'));
  writeFileSync(join(dir, 'kong.yml'), config(upPort));
  launch(pin(0, [process.execPath, 'bin/gatewayd', '--config', join(dir, 'kong.yml'), '--listen', `127.0.0.1:${gwPort}`,
    '--admin-listen', 'off', '--workers', '1', '--state-dir', 'off', '--no-watch']));
  const base = `http://127.0.0.1:${gwPort}`;
  await waitFor(`${base}/plain`);
  await waitFor(`${base}/auth`, { apikey: 'bench-key-0123456789' });
  const plain: number[] = [];
  const auth: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['plain', 'auth'] : ['auth', 'plain'];
    for (const which of order) {
      if (which === 'plain') plain.push(wrk(`${base}/plain`, []));
      else auth.push(wrk(`${base}/auth`, ['apikey: bench-key-0123456789']));
    }
    console.log(`round ${r + 1}: plain ${plain.at(-1)!.toFixed(0)} req/s, key-auth+acl ${auth.at(-1)!.toFixed(0)} req/s`);
  }
  const ratio = median(auth) / median(plain);
  console.log(`gatewayd 1 worker, ${ROUNDS} x ${SECONDS} s, wrk -t1 -c50${hasTaskset ? ', gateway on core 0, wrk + upstream on core 1' : ''}`);
  console.log(`median: plain ${median(plain).toFixed(0)} req/s, key-auth + acl ${median(auth).toFixed(0)} req/s, ratio ${(ratio * 100).toFixed(1)}% (target >= 85%)`);
}

try {
  await main();
} finally {
  for (const c of children) c.kill('SIGTERM');
}
