import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REQUEST_ERRORS, REQUEST_ERROR_CODES } from '../src/errors/catalog.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

test('docs/errors.md lists every request error code with its status and message, and nothing else', () => {
  const rows = new Map([...doc.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+) \| ([^|]+) \|/gm)].map((m) => [m[1], { status: m[2].trim(), message: m[3].trim() }]));
  assert.deepEqual([...rows.keys()].sort(), [...REQUEST_ERROR_CODES].sort());
  for (const code of REQUEST_ERROR_CODES) {
    const spec = REQUEST_ERRORS[code];
    const row = rows.get(code)!;
    assert.ok(row.status.includes(String(spec.status)), `${code}: status ${spec.status} in '${row.status}'`);
    if (spec.reply) assert.equal(row.message, spec.message, code);
  }
});

test("every code's doc anchor is a heading of docs/errors.md", () => {
  const headings = new Set([...doc.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]));
  for (const code of REQUEST_ERROR_CODES) {
    const anchor = REQUEST_ERRORS[code].doc.split('#')[1];
    assert.ok(headings.has(anchor), `${code} → #${anchor}`);
  }
});
