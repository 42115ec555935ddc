import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const EXACTLY_ONE = "exactly one of these fields must be non-empty: 'config.allow', 'config.deny'";
const AT_LEAST_ONE = "at least one of these fields must be non-empty: 'config.allow', 'config.deny'";

describe('acl config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { allow: ['admins'] }), {
      allow: ['admins'], deny: null, hide_groups_header: false, always_use_authenticated_groups: false,
    });
  });

  it('needs exactly one of allow and deny (Kong reports both checks)', () => {
    assertRejects(configSchema, {}, [['config', EXACTLY_ONE], ['config', AT_LEAST_ONE]]);
    assertRejects(configSchema, { allow: [], deny: [] }, [['config', EXACTLY_ONE], ['config', AT_LEAST_ONE]]);
    assertRejects(configSchema, { allow: ['a'], deny: ['b'] }, [['config', EXACTLY_ONE]]);
  });

  it('runs the entity checks next to field errors, as Kong does', () => {
    assertRejects(configSchema, { whitelist: ['a'] }, [['config.whitelist', 'unknown field'], ['config', EXACTLY_ONE], ['config', AT_LEAST_ONE]]);
  });

  it('accepts an empty list next to a set one', () => {
    expand(configSchema, { allow: ['a'], deny: [] });
  });
});
