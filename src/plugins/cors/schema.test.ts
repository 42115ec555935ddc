import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

describe('cors config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      origins: null, headers: null, exposed_headers: null, methods: METHODS, max_age: null,
      credentials: false, private_network: false, preflight_continue: false, allow_origin_absent: true,
    });
  });

  it('accepts *, literal origins and regexes', () => {
    const cfg = expand(configSchema, { origins: ['*', 'http://localhost:3000', 'https://.*\\.example\\.com'] }) as { origins: string[] };
    assert.deepEqual(cfg.origins, ['*', 'http://localhost:3000', 'https://.*\\.example\\.com']);
  });

  it('rejects bad origins and methods with Kong messages', () => {
    assertRejects(configSchema, { origins: ['*.example.com'] }, [['config.origins.0', "'*.example.com' is not a valid regex"]]);
    assertRejects(configSchema, { methods: ['*'] }, [['config.methods.0', `expected one of: ${METHODS.join(', ')}`]]);
    assertRejects(configSchema, { max_age: '10' }, [['config.max_age', 'expected a number']]);
    assertRejects(configSchema, { credentials: null }, [['config.credentials', 'required field missing']]);
  });
});
