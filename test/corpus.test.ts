/**
 * The Kong corpus (shared/kong-corpus, a sibling of the repository): every
 * file Kong accepts loads (or fails only on what gatewayd does not have,
 * one located error per use), every file Kong rejects fails with Kong's
 * messages, every issue located by file, line and column.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type LoadResult } from '../src/config/load.js';
import { formatPath, type ConfigIssue } from '../src/config/issues.js';
import { isIssueCode } from '../src/config/issue-codes.js';
import { VALID_EXPECTATIONS, type ExpectedErrors, type UnsupportedUse } from './corpus/valid-expectations.js';
import { INVALID_EXPECTATIONS, type ExpectedIssue } from './corpus/invalid-expectations.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(repoRoot, '..', 'shared', 'kong-corpus');
const fixtures = join(repoRoot, 'test', 'fixtures');

interface Row {
  file: string;
  formatVersion: string;
  expected: string;
  note: string;
}

function readIndex(): Row[] {
  const [, ...lines] = readFileSync(join(corpus, 'INDEX.tsv'), 'utf8').trimEnd().split('\n');
  return lines.map((line) => {
    const cols = line.split('\t');
    return { file: cols[0], formatVersion: cols[4], expected: cols[5], note: cols[6] };
  });
}

const rows = readIndex();
const errorsOf = (r: LoadResult) => r.issues.filter((i) => i.severity === 'error');
const show = (issues: readonly ConfigIssue[]) =>
  issues.map((i) => `${i.line}:${i.col} ${i.code} ${formatPath(i.path)}: ${i.message}`).join('\n');

/** Located by file, line and column, with a documented code. */
function assertLocated(issues: readonly ConfigIssue[]): void {
  for (const i of issues) {
    assert.ok(isIssueCode(i.code), `undocumented issue code '${i.code}'`);
    assert.ok(i.file, `issue without a file: ${i.message}`);
    assert.ok((i.line ?? 0) >= 1 && (i.col ?? 0) >= 1, `issue not located: ${show([i])}`);
  }
}

test('INDEX.tsv lists 150 files, and both tables cover exactly those', () => {
  assert.equal(rows.length, 150);
  const valid = rows.filter((r) => r.expected === 'valid').map((r) => r.file);
  const invalid = rows.filter((r) => r.expected === 'invalid').map((r) => r.file);
  assert.deepEqual(Object.keys(VALID_EXPECTATIONS).sort(), valid.sort());
  assert.deepEqual(Object.keys(INVALID_EXPECTATIONS).sort(), invalid.sort());
});

/** Exactly `uses` errors of each listed kind and nothing else. */
function assertErrorCounts(errors: ConfigIssue[], expected: readonly (UnsupportedUse | ExpectedErrors)[]): void {
  const text = (x: UnsupportedUse | ExpectedErrors) => ('feature' in x ? x.feature : x.message);
  for (const x of expected) {
    const n = errors.filter((i) => i.code === x.code && i.message.includes(text(x))).length;
    assert.equal(n, x.uses, `${x.code} '${text(x)}': ${n} errors, expected ${x.uses}\n${show(errors)}`);
  }
  const total = expected.reduce((sum, x) => sum + x.uses, 0);
  assert.equal(errors.length, total, `unexpected errors:\n${show(errors)}`);
}

function envFor(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, file] of Object.entries(vars)) env[name] = readFileSync(join(fixtures, file), 'utf8');
  return env;
}

describe('valid/: files Kong accepts', () => {
  for (const row of rows.filter((r) => r.expected === 'valid')) {
    const expectation = VALID_EXPECTATIONS[row.file];
    test(row.file, () => {
      const env = typeof expectation === 'object' && 'env' in expectation ? envFor(expectation.env) : {};
      const result = loadConfig([join(corpus, row.file)], { env });
      const errors = errorsOf(result);
      assertLocated(result.issues);
      if (expectation === 'valid' || 'env' in expectation) {
        assert.deepEqual(errors, [], show(errors));
        assert.ok(result.config && result.hash);
        return;
      }
      assert.equal(result.config, undefined);
      assertErrorCounts(errors, 'unsupported' in expectation ? expectation.unsupported : expectation.rejected);
    });
  }
});

function findExpected(issues: readonly ConfigIssue[], x: ExpectedIssue): ConfigIssue | undefined {
  return issues.find((i) => i.message.includes(x.message) && JSON.stringify(i.path) === JSON.stringify(x.path));
}

describe('invalid/: files Kong rejects', () => {
  for (const row of rows.filter((r) => r.expected === 'invalid')) {
    const expectation = INVALID_EXPECTATIONS[row.file];
    test(row.file, () => {
      const result = loadConfig([join(corpus, row.file)], { env: {} });
      assert.equal(result.config, undefined);
      assert.ok(errorsOf(result).length > 0);
      assertLocated(result.issues);
      for (const x of expectation.expect) {
        const found = findExpected(result.issues, x);
        assert.ok(found, `missing '${x.message}' at ${formatPath(x.path)}; got:\n${show(result.issues)}`);
        if (x.at) assert.deepEqual([found.line, found.col], x.at, `'${x.message}' at ${formatPath(x.path)}`);
      }
    });
  }
});
