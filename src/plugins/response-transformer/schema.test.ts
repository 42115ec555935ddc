import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const TYPED = { json: [], json_types: [], headers: [] };

describe('response-transformer config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      remove: { json: [], headers: [] }, rename: { json: [], headers: [] }, replace: TYPED, add: TYPED, append: TYPED,
    });
  });

  it('accepts header values with spaces', () => {
    const cfg = expand(configSchema, { add: { headers: ['X-Powered-By: telco'], json: ['a:1'], json_types: ['number'] } }) as {
      add: { headers: string[] };
    };
    assert.deepEqual(cfg.add.headers, ['X-Powered-By: telco']);
  });

  it('rejects malformed entries with Kong messages', () => {
    assertRejects(configSchema, { add: { json: ['a'] } }, [['config.add.json.0', 'invalid value: a']]);
    assertRejects(configSchema, { add: { json_types: ['date'] } }, [['config.add.json_types.0', 'expected one of: boolean, number, string']]);
    assertRejects(configSchema, { rename: { headers: ['a:'] } }, [['config.rename.headers.0', "'' is not a valid header"]]);
    assertRejects(configSchema, { replace: { uri: '/x' } }, [['config.replace.uri', 'unknown field']]);
  });
});
