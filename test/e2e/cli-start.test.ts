import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { freePort, startEcho } from './gateway-harness.js';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

function gatewayd(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

function configFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gatewayd-cli-')), 'kong.yml');
  writeFileSync(file, yaml);
  return file;
}

async function waitFor(url: string, deadlineMs = 20000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const res = await request(url);
      await res.body.text();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer`);
}

test('gatewayd --config with an invalid file prints the lint output and exits 1', async () => {
  const file = configFile('_format_version: "3.0"\nservices:\n  - name: s\n    host: example.com\n    port: 99999\n');
  const gw = gatewayd(['--config', file, '--state-dir', 'off', '--listen', `127.0.0.1:${await freePort()}`, '--admin-listen', 'off']);
  assert.equal(await gw.exited, 1);
  assert.match(gw.err(), /kong\.yml:5:11 error schema-range value should be between 0 and 65535/);
});

test('SIGTERM: stops accepting, lets the in-flight request finish, exits 0', async () => {
  const slow = await startEcho('slow', (req, res) => {
    req.resume();
    setTimeout(() => res.end('finished'), 800);
  });
  const port = await freePort();
  const file = configFile(`_format_version: "3.0"\nservices:\n  - name: s\n    url: http://127.0.0.1:${slow.port}\n    routes:\n      - { name: r, paths: [/] }\n`);
  const gw = gatewayd(['--config', file, '--state-dir', 'off', '--listen', `127.0.0.1:${port}`, '--admin-listen', 'off', '--workers', '2', '--drain-timeout', '5000']);
  try {
    await waitFor(`http://127.0.0.1:${port}/warmup`);
    const inFlight = request(`http://127.0.0.1:${port}/slow`);
    await new Promise((r) => setTimeout(r, 200));
    gw.child.kill('SIGTERM');
    const res = await inFlight;
    assert.equal(res.statusCode, 200);
    assert.equal(await res.body.text(), 'finished');
    assert.equal(await gw.exited, 0);
    await assert.rejects(request(`http://127.0.0.1:${port}/after`), /ECONNREFUSED/);
    assert.match(gw.out(), /"msg":"gatewayd started"/);
    assert.match(gw.out(), /"unfinished":0/);
  } finally {
    gw.child.kill('SIGKILL');
    await slow.close();
  }
});
