import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('basic-auth config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), { anonymous: null, hide_credentials: false, realm: 'service' });
  });

  it('rejects a null realm and an empty anonymous', () => {
    assertRejects(configSchema, { realm: null }, [['config.realm', 'required field missing']]);
    assertRejects(configSchema, { anonymous: '' }, [['config.anonymous', 'length must be at least 1']]);
  });
});
