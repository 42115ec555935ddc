import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('proxy-cache config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { strategy: 'memory' }), {
      response_code: [200, 301, 404], request_method: ['GET', 'HEAD'], content_type: ['text/plain', 'application/json'],
      cache_ttl: 300, strategy: 'memory', cache_control: false, ignore_uri_case: false, storage_ttl: null,
      memory: { dictionary_name: 'kong_db_cache' }, vary_query_params: null, vary_headers: null,
      response_headers: { age: true, 'X-Cache-Status': true, 'X-Cache-Key': true },
    });
  });

  it('needs the memory strategy', () => {
    assertRejects(configSchema, {}, [['config.strategy', 'required field missing']]);
    assertRejects(configSchema, { strategy: 'redis' }, [['config.strategy', 'expected one of: memory']]);
  });

  it('rejects bad codes, methods and ttl', () => {
    assertRejects(configSchema, { strategy: 'memory', response_code: [] }, [['config.response_code', 'length must be at least 1']]);
    assertRejects(configSchema, { strategy: 'memory', response_code: [99] }, [['config.response_code.0', 'value should be between 100 and 900']]);
    assertRejects(configSchema, { strategy: 'memory', request_method: ['DELETE'] }, [
      ['config.request_method.0', 'expected one of: HEAD, GET, POST, PATCH, PUT'],
    ]);
    assertRejects(configSchema, { strategy: 'memory', cache_ttl: 0 }, [['config.cache_ttl', 'value must be greater than 0']]);
  });
});
