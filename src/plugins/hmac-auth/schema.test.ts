import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const ALGORITHMS = ['hmac-sha1', 'hmac-sha256', 'hmac-sha384', 'hmac-sha512'];

describe('hmac-auth config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      hide_credentials: false, clock_skew: 300, anonymous: null, validate_request_body: false,
      enforce_headers: [], algorithms: ALGORITHMS, realm: null,
    });
  });

  it('rejects a non-positive clock skew and unknown algorithms', () => {
    assertRejects(configSchema, { clock_skew: 0 }, [['config.clock_skew', 'value must be greater than 0']]);
    assertRejects(configSchema, { algorithms: ['hmac-md5'] }, [['config.algorithms.0', `expected one of: ${ALGORITHMS.join(', ')}`]]);
  });
});
