import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('correlation-id config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), { header_name: 'Kong-Request-ID', generator: 'uuid#counter', echo_downstream: false });
  });

  it('keeps an explicit null header_name (not required)', () => {
    assert.equal((expand(configSchema, { header_name: null }) as { header_name: unknown }).header_name, null);
  });

  it('rejects a bad generator, a null required field and unknown fields', () => {
    assertRejects(configSchema, { generator: 'x' }, [['config.generator', 'expected one of: uuid, uuid#counter, tracker']]);
    assertRejects(configSchema, { generator: 1 }, [['config.generator', 'expected a string']]);
    assertRejects(configSchema, { echo_downstream: null }, [['config.echo_downstream', 'required field missing']]);
    assertRejects(configSchema, { nope: 1 }, [['config.nope', 'unknown field']]);
    assertRejects(configSchema, { header_name: '' }, [['config.header_name', 'length must be at least 1']]);
  });

  it('rejects a config that is not a record', () => {
    assertRejects(configSchema, 'x', [['config', 'expected a record']]);
  });
});
