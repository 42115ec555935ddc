import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('key-auth config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      key_names: ['apikey'], hide_credentials: false, anonymous: null, key_in_header: true, key_in_query: true,
      key_in_body: false, run_on_preflight: true, realm: null,
    });
  });

  it('rejects bad key names and a null key_names', () => {
    assertRejects(configSchema, { key_names: ['api key'] }, [
      ['config.key_names.0', "bad header name 'api key', allowed characters are A-Z, a-z, 0-9, '_', and '-'"],
    ]);
    assertRejects(configSchema, { key_names: null }, [['config.key_names', 'required field missing']]);
    assertRejects(configSchema, { key_names: [null] }, [['config.key_names.0', 'required field missing']]);
    assertRejects(configSchema, { key_in_body: 'yes' }, [['config.key_in_body', 'expected a boolean']]);
  });
});
