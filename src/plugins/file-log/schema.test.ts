import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('file-log config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { path: '/dev/stdout' }), { path: '/dev/stdout', reopen: false, custom_fields_by_lua: null });
  });

  it('needs a valid filename', () => {
    assertRejects(configSchema, {}, [['config.path', 'required field missing']]);
    for (const path of ['/ovo*', '/tmp/a&b', '/tmp/100%', '/tmp/a`b', '/tmp/a\\b', '', ' /tmp/x', '/tmp/x ']) {
      assertRejects(configSchema, { path }, [['config.path', 'not a valid filename']]);
    }
    assertRejects(configSchema, { path: 1 }, [['config.path', 'expected a string']]);
  });

  it('checks custom_fields_by_lua keys and values', () => {
    assertRejects(configSchema, { path: '/x', custom_fields_by_lua: { a: '' } }, [['config.custom_fields_by_lua.a', 'length must be at least 1']]);
    assertRejects(configSchema, { path: '/x', custom_fields_by_lua: { '': 'return 1' } }, [['config.custom_fields_by_lua', 'length must be at least 1']]);
  });
});
