import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const QUEUE = {
  max_batch_size: 200, max_coalescing_delay: 1, max_entries: 10000, max_bytes: null, max_retry_time: 60,
  initial_retry_delay: 0.01, max_retry_delay: 60, concurrency_limit: 1,
};
const ENDPOINT = 'http://collector:4318/v1/traces';

describe('opentelemetry config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { traces_endpoint: ENDPOINT }), {
      traces_endpoint: ENDPOINT, logs_endpoint: null, headers: null, resource_attributes: null, queue: QUEUE,
      batch_span_count: null, batch_flush_delay: null, connect_timeout: 1000, send_timeout: 5000, read_timeout: 5000,
      http_response_header_for_traceid: null, header_type: 'preserve', sampling_rate: null,
      propagation: { extract: null, clear: null, inject: null, default_format: 'w3c' },
    });
  });

  it('needs an endpoint', () => {
    assertRejects(configSchema, {}, [['config', "at least one of these fields must be non-empty: 'traces_endpoint', 'logs_endpoint'"]]);
  });

  it('maps the deprecated endpoint shorthand, losing to traces_endpoint', () => {
    const cfg = expand(configSchema, { endpoint: ENDPOINT }) as Record<string, unknown>;
    assert.equal(cfg.traces_endpoint, ENDPOINT);
    assert.equal('endpoint' in cfg, false);
    const both = expand(configSchema, { endpoint: ENDPOINT, traces_endpoint: 'http://other/v1/traces' }) as Record<string, unknown>;
    assert.equal(both.traces_endpoint, 'http://other/v1/traces');
    assertRejects(configSchema, { endpoint: 'collector:4318' }, [['config.endpoint', 'missing host in url']]);
  });

  it('lets batch_span_count and batch_flush_delay set the queue, as Kong does at run time', () => {
    const cfg = expand(configSchema, { traces_endpoint: ENDPOINT, batch_flush_delay: 5 }) as Record<string, unknown>;
    assert.deepEqual(cfg.queue, { ...QUEUE, max_coalescing_delay: 5 });
    assert.equal(cfg.batch_flush_delay, 5);
    const span = expand(configSchema, { traces_endpoint: ENDPOINT, batch_span_count: 50, queue: { max_entries: 10 } }) as Record<string, unknown>;
    assert.deepEqual(span.queue, { ...QUEUE, max_batch_size: 50, max_entries: 10 });
    const old = expand(configSchema, { traces_endpoint: ENDPOINT, batch_span_count: 200, queue: { max_batch_size: 7 } }) as Record<string, unknown>;
    assert.equal((old.queue as { max_batch_size: number }).max_batch_size, 7);
  });

  it('checks propagation, sampling rate and headers', () => {
    assertRejects(configSchema, { traces_endpoint: ENDPOINT, propagation: { extract: ['w3c'] } }, [
      ['config.propagation.default_format', 'required field missing'],
    ]);
    assertRejects(configSchema, { traces_endpoint: ENDPOINT, propagation: { default_format: 'w3c', extract: ['b3-single'] } }, [
      ['config.propagation.extract.0', 'expected one of: w3c, b3, jaeger, ot, datadog, aws, gcp, instana'],
    ]);
    assertRejects(configSchema, { traces_endpoint: ENDPOINT, sampling_rate: 2 }, [['config.sampling_rate', 'value should be between 0 and 1']]);
    assertRejects(configSchema, { traces_endpoint: ENDPOINT, headers: { 'a b': 'x' } }, [
      ['config.headers', "bad header name 'a b', allowed characters are A-Z, a-z, 0-9, '_', and '-'"],
    ]);
    assertRejects(configSchema, { traces_endpoint: ENDPOINT, queue: { initial_retry_delay: 0 } }, [
      ['config.queue.initial_retry_delay', 'value should be between 0 and 1000000'],
    ]);
  });
});
