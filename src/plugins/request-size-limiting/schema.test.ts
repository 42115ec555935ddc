import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('request-size-limiting config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), { allowed_payload_size: 128, size_unit: 'megabytes', require_content_length: false });
  });

  it('rejects a fractional size and an unknown unit', () => {
    assertRejects(configSchema, { allowed_payload_size: 1.5 }, [['config.allowed_payload_size', 'expected an integer']]);
    assertRejects(configSchema, { size_unit: 'gigabytes' }, [['config.size_unit', 'expected one of: megabytes, kilobytes, bytes']]);
    assertRejects(configSchema, { allowed_payload_size: null }, [['config.allowed_payload_size', 'required field missing']]);
  });
});
