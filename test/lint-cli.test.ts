/**
 * `gatewayd lint` as users run it (a child process, cwd = repo root): exit
 * codes, and the GitHub Actions format byte for byte against its golden file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const golden = (name: string) => `test/golden/lint/${name}`;

function gatewayd(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('exit 0: a valid file (BOM + CRLF)', () => {
  const r = gatewayd('lint', golden('bom-crlf.yaml'));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '0 errors, 0 warnings\n');
});

test('exit 1: problems found', () => {
  const r = gatewayd('lint', golden('bad-port.yaml'));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^test\/golden\/lint\/bad-port\.yaml:5:11 error schema-range value should be between 0 and 65535/);
});

test('warnings only: exit 0, and exit 1 with --strict', () => {
  assert.equal(gatewayd('lint', golden('format-1-1-regex.yaml')).code, 0);
  const strict = gatewayd('lint', '--strict', golden('format-1-1-regex.yaml'));
  assert.equal(strict.code, 1);
  assert.match(strict.stdout, /warning format-regex-path-migrated/);
});

test('exit 2: a missing file, located', () => {
  const r = gatewayd('lint', 'test/golden/lint/does-not-exist.yaml');
  assert.equal(r.code, 2);
  assert.equal(
    r.stdout.split('\n')[0],
    "test/golden/lint/does-not-exist.yaml:1:1 error file-unreadable no such file or directory: 'test/golden/lint/does-not-exist.yaml'",
  );
});

test('exit 2: usage errors (no file, unknown format, unknown option)', () => {
  const none = gatewayd('lint');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /missing required argument 'files'/);
  const format = gatewayd('lint', '--format', 'xml', golden('bad-port.yaml'));
  assert.equal(format.code, 2);
  assert.match(format.stderr, /argument 'xml' is invalid/);
  assert.equal(gatewayd('lint', '--frobnicate', golden('bad-port.yaml')).code, 2);
});

test('--format github: workflow commands, identical to the golden file', () => {
  const r = gatewayd('lint', '--format', 'github', golden('unknown-reference.yaml'));
  assert.equal(r.code, 1);
  assert.equal(r.stdout, readFileSync(join(repoRoot, golden('unknown-reference.yaml.github')), 'utf8'));
  // Property values escape ':' and ','; the message keeps them.
  assert.match(r.stdout, /^::error file=test\/golden\/lint\/unknown-reference\.yaml,line=7,col=14,title=reference-unknown::invalid reference 'service: ordres'/);
});

test('--format json: the same document as the golden file', () => {
  const r = gatewayd('lint', '--format', 'json', golden('duplicate-across-files'));
  assert.equal(r.code, 1);
  assert.equal(r.stdout, readFileSync(join(repoRoot, golden('duplicate-across-files.json')), 'utf8'));
});
