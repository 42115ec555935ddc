import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('prometheus config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      per_consumer: false, status_code_metrics: false, ai_metrics: false, latency_metrics: false,
      bandwidth_metrics: false, upstream_health_metrics: false, wasm_metrics: false,
    });
  });

  it('rejects non-booleans', () => {
    assertRejects(configSchema, { per_consumer: 'true' }, [['config.per_consumer', 'expected a boolean']]);
  });
});
