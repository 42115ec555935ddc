import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('ip-restriction config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { allow: ['10.0.0.0/8', '::1'] }), {
      allow: ['10.0.0.0/8', '::1'], deny: null, status: null, message: null,
    });
  });

  it('needs allow or deny', () => {
    assertRejects(configSchema, {}, [['config', "at least one of these fields must be non-empty: 'config.allow', 'config.deny'"]]);
    assertRejects(configSchema, { allow: [] }, [['config', "at least one of these fields must be non-empty: 'config.allow', 'config.deny'"]]);
  });

  it('rejects bad addresses with Kong message', () => {
    assertRejects(configSchema, { deny: ['10.0.0.0/33'] }, [['config.deny.0', "invalid ip or cidr range: '10.0.0.0/33'"]]);
    assertRejects(configSchema, { deny: ['example.com'] }, [['config.deny.0', "invalid ip or cidr range: 'example.com'"]]);
  });
});
