/**
 * schemas/kong-3.0.schema.json is generated from the zod schemas
 * (`npm run schema`); this fails when the checked-in file is stale.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentJsonSchema } from '../src/config/schema/document-schema.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

test('schemas/kong-3.0.schema.json matches `gatewayd schema` (regenerate with npm run schema)', () => {
  const generated = JSON.stringify(documentJsonSchema(), null, 2) + '\n';
  const checkedIn = readFileSync(join(repoRoot, 'schemas', 'kong-3.0.schema.json'), 'utf8');
  assert.ok(generated === checkedIn, 'schemas/kong-3.0.schema.json is stale: run `npm run schema`');
});

type JsonSchema = { type?: string; enum?: string[]; anyOf?: JsonSchema[]; properties?: Record<string, JsonSchema>; additionalProperties?: boolean };

test('the schema describes the format: version enum, entity arrays (or null), no unknown top-level keys', () => {
  const schema = documentJsonSchema() as JsonSchema;
  assert.deepEqual(schema.properties!._format_version.enum, ['1.1', '2.1', '3.0']);
  for (const key of ['services', 'routes', 'consumers', 'plugins', 'upstreams', 'targets', 'certificates']) {
    const types = (schema.properties![key].anyOf ?? [schema.properties![key]]).map((s) => s.type);
    assert.deepEqual(types.sort(), ['array', 'null'], key);
  }
  assert.equal(schema.additionalProperties, false);
});
