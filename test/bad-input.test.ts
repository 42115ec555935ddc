/**
 * Hostile and broken input: every case gives a located error or a clear
 * refusal, in a child process with a capped heap, within seconds and bounded
 * memory; never a stack trace, never a hang.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatewayd-bad-input-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  ms: number;
  maxRssMb: number;
  issues: { severity: string; code: string; message: string; line: number; col: number; file: string }[];
}

function lint(name: string, content: string | Buffer): Outcome {
  const file = join(dir, name);
  writeFileSync(file, content);
  return lintFile(file);
}

function lintFile(file: string): Outcome {
  const start = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'test/helpers/lint-with-usage.ts', file], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const ms = Date.now() - start;
  assert.equal(r.signal, null, `killed by ${r.signal} (hang?)`);
  const [usage, ...rest] = r.stderr.trim().split('\n').reverse();
  assert.deepEqual(rest, [], `unexpected stderr (stack trace?):\n${r.stderr}`);
  const maxRssMb = (JSON.parse(usage) as { maxRssKb: number }).maxRssKb / 1024;
  const body = JSON.parse(r.stdout) as { issues: Outcome['issues'] };
  for (const i of body.issues) assert.ok(i.line >= 1 && i.col >= 1 && i.file, JSON.stringify(i));
  return { code: r.status, ms, maxRssMb, issues: body.issues };
}

/** One error of `code` whose message contains `text`, at [line, col]; fast and small. */
function assertOne(o: Outcome, code: string, text: string, at: [number, number], exit = 1): void {
  assert.equal(o.issues.length, 1, JSON.stringify(o.issues, null, 2));
  const [i] = o.issues;
  assert.equal(i.code, code);
  assert.ok(i.message.includes(text), i.message);
  assert.deepEqual([i.line, i.col], at);
  assert.equal(o.code, exit);
  assert.ok(o.ms < 10_000, `took ${o.ms} ms`);
  assert.ok(o.maxRssMb < 400, `peak RSS ${o.maxRssMb.toFixed(0)} MB`);
}

test('binary garbage is refused', () => {
  const bytes = Buffer.alloc(64 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  assertOne(lint('garbage.yaml', bytes), 'file-refused', 'not a text file (NUL byte at offset', [1, 1], 2);
  assertOne(lint('latin1.yaml', Buffer.from('_format_version: "3.0"\nservices:\n  - name: caf\xe9\n', 'latin1')), 'file-refused', 'invalid UTF-8', [1, 1], 2);
});

test('an empty file, or one with only a comment, is not a configuration', () => {
  assertOne(lint('empty.yaml', ''), 'document-not-object', 'expected an object, got an empty document', [1, 1]);
  assertOne(lint('comment.yaml', '# nothing here\n'), 'document-not-object', 'expected an object, got an empty document', [1, 1]);
  assertOne(lint('empty.json', ''), 'syntax', 'failed parsing declarative configuration', [1, 1]);
});

test('a YAML alias bomb (billion laughs) is refused quickly', () => {
  const lines = ['_format_version: "3.0"', 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
  lines.push('services: *l9');
  assertOne(lint('bomb.yaml', lines.join('\n') + '\n'), 'file-refused', 'alias bomb', [1, 1], 2);
});

test('100-level nesting is refused, in YAML and in JSON', () => {
  const deep = '['.repeat(100) + ']'.repeat(100);
  assertOne(lint('deep.yaml', `_format_version: "3.0"\nservices: ${deep}\n`), 'syntax', 'nesting exceeded', [2, 110]);
  assertOne(lint('deep.json', `{"_format_version": "3.0", "services": ${deep}}`), 'file-refused', 'nested deeper than 64 levels', [1, 1], 2);
  const veryDeep = '['.repeat(200_000) + ']'.repeat(200_000);
  assertOne(lint('very-deep.json', `{"_format_version": "3.0", "services": ${veryDeep}}`), 'file-refused', 'nested deeper', [1, 1], 2);
});

test('a 50 MB file is refused without being read', () => {
  const file = join(dir, 'huge.yaml');
  const fd = openSync(file, 'w');
  const chunk = Buffer.from('# padding padding padding padding padding padding padding padding padding\n'.repeat(14_000));
  for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
  assertOne(lintFile(file), 'file-refused', 'the limit is 33554432 bytes (32 MiB)', [1, 1], 2);
});

test('duplicate keys are located, in YAML and in JSON', () => {
  const yaml = '_format_version: "3.0"\nservices:\n  - name: a\n    host: a.internal\n    host: b.internal\n';
  assertOne(lint('dup.yaml', yaml), 'syntax', "duplicated mapping key 'host'", [5, 5]);
  const json = '{\n  "_format_version": "3.0",\n  "_format_version": "1.1"\n}\n';
  assertOne(lint('dup.json', json), 'syntax', "duplicated mapping key '_format_version'", [3, 3]);
});

test('tab indentation is located', () => {
  assertOne(lint('tabs.yaml', '_format_version: "3.0"\nservices:\n\t- name: a\n'), 'syntax', 'tab characters must not be used in indentation', [3, 1]);
});

test('a BOM and CRLF line ends are accepted, and positions stay right', () => {
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  const ok = lint('bom-crlf.yaml', '\ufeff' + crlf('_format_version: "3.0"\nservices:\n  - name: a\n    host: a.internal\n'));
  assert.deepEqual(ok.issues, []);
  assert.equal(ok.code, 0);
  const bad = lint('bom-crlf-bad.yaml', '\ufeff' + crlf('_format_version: "3.0"\nservices:\n  - name: a\n    host: a.internal\n    port: 99999\n'));
  assertOne(bad, 'schema-range', 'value should be between 0 and 65535', [5, 11]);
  const json = lint('bom.json', '\ufeff{"_format_version": "3.0", "services": [{"host": "a.internal", "port": -1}]}');
  assertOne(json, 'schema-range', 'value should be between 0 and 65535', [1, 72]);
});
