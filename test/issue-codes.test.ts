/**
 * One list of issue codes: every code src/ can report is in ISSUE_CODES and
 * documented in docs/config-errors.md, and neither lists a code that src/
 * no longer uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISSUE_CODES } from '../src/config/issue-codes.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const REGISTRY = join(repoRoot, 'src', 'config', 'issue-codes.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && path !== REGISTRY ? [path] : [];
  });
}

const CODE = `'([a-z][a-z0-9]*(?:-[a-z0-9]+)*)'`;
/**
 * Where a code is written: issue()/warning()'s first argument (or the
 * constant passed there); fail()'s
 * (and customStr()'s) code argument; `code: '...'`, `code = '...'` (defaults),
 * `code === '...'`; the returns of zod-issues.ts's codeOf; exit-codes.ts's set.
 */
const CODE_SITES = [
  new RegExp(`\\b(?:issue|warning)\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\bfail\\(\\s*ctx,[^;]*?,\\s*${CODE}\\s*(?:,\\s*\\[[^\\]]*\\])?\\s*\\)`, 'g'),
  new RegExp(`\\bcustomStr\\([\\s\\S]*?\\},\\s*${CODE}\\s*\\)`, 'g'),
  new RegExp(`\\bcode\\s*(?::|=|===|!==)\\s*${CODE}`, 'g'),
];

/** Configuration issues come from these; src/runtime's request-time codes are another catalog (src/errors). */
const ISSUE_SOURCES = ['config', 'plugins', 'compile', 'cli'].map((d) => join(repoRoot, 'src', d));
/** zod's own issue codes, written in `ctx.addIssue({ code: 'custom' })`. */
const ZOD_CODES = new Set(['custom']);

function codesUsed(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of ISSUE_SOURCES.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    const sites = [...CODE_SITES];
    if (file.endsWith('zod-issues.ts')) sites.push(new RegExp(`return\\s+${CODE}\\s*;`, 'g'), new RegExp(`\\?\\s*${CODE}\\s*:\\s*${CODE}`, 'g'));
    if (file.endsWith('exit-codes.ts')) sites.push(new RegExp(CODE, 'g'));
    // A code held in a constant: `const NAME = 'code'` used as issue(NAME, ...) / warning(NAME, ...).
    for (const m of text.matchAll(/\b(?:issue|warning)\(\s*([A-Z][A-Z0-9_]*)\b/g)) {
      const value = new RegExp(`\\b${m[1]}\\s*=\\s*${CODE}`).exec(text)?.[1];
      if (value) used.set(value, relative(repoRoot, file));
    }
    for (const re of sites) {
      for (const m of text.matchAll(re)) {
        for (const code of m.slice(1)) if (code && !ZOD_CODES.has(code)) used.set(code, relative(repoRoot, file));
      }
    }
  }
  return used;
}

function documented(): string[] {
  const doc = readFileSync(join(repoRoot, 'docs', 'config-errors.md'), 'utf8');
  return [...doc.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((m) => m[1]);
}

test('the scan finds the codes it should (sanity of the patterns)', () => {
  const used = codesUsed();
  for (const code of ['syntax', 'schema-type', 'schema-required', 'schema-range', 'schema-unknown-field', 'route-no-matcher', 'plugin-unsupported', 'file-refused']) {
    assert.ok(used.has(code), `the scan missed '${code}'`);
  }
});

test('every code used in src/ is in ISSUE_CODES', () => {
  const missing = [...codesUsed()].filter(([code]) => !(code in ISSUE_CODES)).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(missing, [], 'add them to src/config/issue-codes.ts and docs/config-errors.md');
});

test('every code in ISSUE_CODES is still used in src/', () => {
  const sources = ISSUE_SOURCES.flatMap(sourceFiles).map((f) => readFileSync(f, 'utf8')).join('\n');
  const stale = Object.keys(ISSUE_CODES).filter((code) => !sources.includes(`'${code}'`));
  assert.deepEqual(stale, []);
});

test('docs/config-errors.md documents exactly the codes of ISSUE_CODES, each once, with an example', () => {
  const docCodes = documented();
  assert.deepEqual([...docCodes].sort(), Object.keys(ISSUE_CODES).sort());
  assert.equal(new Set(docCodes).size, docCodes.length, 'a code is documented twice');
  const doc = readFileSync(join(repoRoot, 'docs', 'config-errors.md'), 'utf8');
  for (const code of docCodes) {
    const section = doc.split(`### \`${code}\``)[1].split('\n### ')[0];
    assert.match(section, new RegExp(`^    \\S+:\\d+:\\d+ (error|warning) ${code} `, 'm'), `no example for ${code}`);
  }
});
