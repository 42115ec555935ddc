/** Test helpers for plugin config schemas. */
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { fromZodIssues } from '../../config/schema/zod-issues.js';

/** Parse a config that must be valid; returns the expanded config. */
export function expand(schema: z.ZodType, config: unknown): unknown {
  const r = schema.safeParse(config, { reportInput: true });
  if (!r.success) assert.fail(`unexpected issues: ${JSON.stringify(issuesOf(schema, config))}`);
  return r.data;
}

/** The issues of an invalid config as `[dotted path under config, message, code]`. */
export function issuesOf(schema: z.ZodType, config: unknown): [string, string, string][] {
  const r = schema.safeParse(config, { reportInput: true });
  if (r.success) return [];
  return fromZodIssues(r.error.issues, ['config']).map((i) => [i.path.join('.'), i.message, i.code]);
}

/** Assert that `config` fails with exactly these `[path, message]` pairs (any order). */
export function assertRejects(schema: z.ZodType, config: unknown, expected: [string, string][]): void {
  const got = issuesOf(schema, config).map(([p, m]) => `${p}: ${m}`).sort();
  assert.deepEqual(got, expected.map(([p, m]) => `${p}: ${m}`).sort());
}
