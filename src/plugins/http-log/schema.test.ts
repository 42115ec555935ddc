import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const QUEUE = {
  max_batch_size: 1, max_coalescing_delay: 1, max_entries: 10000, max_bytes: null, max_retry_time: 60,
  initial_retry_delay: 0.01, max_retry_delay: 60, concurrency_limit: 1,
};
const URL = 'http://logs.example.com/in';

describe('http-log config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { http_endpoint: URL }), {
      http_endpoint: URL, method: 'POST', content_type: 'application/json', timeout: 10000, keepalive: 60000,
      retry_count: null, queue_size: null, flush_timeout: null, headers: null, queue: QUEUE, custom_fields_by_lua: null,
    });
  });

  it('checks the endpoint like Kong', () => {
    assertRejects(configSchema, {}, [['config.http_endpoint', 'required field missing']]);
    assertRejects(configSchema, { http_endpoint: 'logs.example.com' }, [['config.http_endpoint', 'missing host in url']]);
    assertRejects(configSchema, { http_endpoint: '//logs.example.com/x' }, [['config.http_endpoint', 'missing scheme in url']]);
    assertRejects(configSchema, { http_endpoint: 'http://u:p@h/x', headers: { authorization: 'x' } }, [
      ['config', "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed"],
    ]);
  });

  it('rejects forbidden and malformed header names', () => {
    assertRejects(configSchema, { http_endpoint: URL, headers: { host: 'x' } }, [['config.headers', "cannot contain 'Host' header"]]);
    assertRejects(configSchema, { http_endpoint: URL, headers: { 'Content-Type': 'x' } }, [['config.headers', "cannot contain 'Content-Type' header"]]);
    assertRejects(configSchema, { http_endpoint: URL, headers: { 'a b': 'x' } }, [
      ['config.headers', "bad header name 'a b', allowed characters are A-Z, a-z, 0-9, '_', and '-'"],
    ]);
    assertRejects(configSchema, { http_endpoint: URL, headers: { 'X-A': 1 } }, [['config.headers.X-A', 'expected a string']]);
  });

  it('keeps the deprecated fields and lets queue_size / flush_timeout set the queue', () => {
    const cfg = expand(configSchema, { http_endpoint: URL, queue_size: 10, flush_timeout: 2, retry_count: 3 }) as Record<string, unknown>;
    assert.deepEqual(cfg.queue, { ...QUEUE, max_batch_size: 10 });
    assert.equal(cfg.queue_size, 10);
    assert.equal(cfg.retry_count, 3);
    const explicit = expand(configSchema, { http_endpoint: URL, flush_timeout: 5, queue: { max_coalescing_delay: 9 } }) as Record<string, unknown>;
    assert.equal((explicit.queue as { max_coalescing_delay: number }).max_coalescing_delay, 5);
  });

  it('checks the method and content type', () => {
    assertRejects(configSchema, { http_endpoint: URL, method: 'GET' }, [['config.method', 'expected one of: POST, PUT, PATCH']]);
    expand(configSchema, { http_endpoint: URL, content_type: 'application/json; charset=utf-8' });
  });
});
