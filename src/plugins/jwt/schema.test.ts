import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('jwt config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      uri_param_names: ['jwt'], cookie_names: [], key_claim_name: 'iss', secret_is_base64: false, claims_to_verify: null,
      anonymous: null, run_on_preflight: true, maximum_expiration: 0, header_names: ['authorization'], realm: null,
    });
  });

  it('drops duplicates from sets', () => {
    const cfg = expand(configSchema, { claims_to_verify: ['exp', 'nbf', 'exp'] }) as { claims_to_verify: string[] };
    assert.deepEqual(cfg.claims_to_verify, ['exp', 'nbf']);
  });

  it('rejects out-of-range maximum_expiration and unknown claims', () => {
    assertRejects(configSchema, { maximum_expiration: -1 }, [['config.maximum_expiration', 'value should be between 0 and 31536000']]);
    assertRejects(configSchema, { claims_to_verify: ['iat'] }, [['config.claims_to_verify.0', 'expected one of: exp, nbf']]);
  });

  it('needs exp in claims_to_verify when maximum_expiration is set', () => {
    assertRejects(configSchema, { maximum_expiration: 60, claims_to_verify: ['nbf'] }, [
      ['config', "failed conditional validation given value of field 'config.maximum_expiration'"],
      ['config.claims_to_verify', 'expected to contain: exp'],
    ]);
    expand(configSchema, { maximum_expiration: 60, claims_to_verify: ['exp'] });
    expand(configSchema, { maximum_expiration: 60 });
  });
});
