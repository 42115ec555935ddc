import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const REDIS = {
  host: null, port: 6379, timeout: 2000, username: null, password: null, database: 0, ssl: false, ssl_verify: false, server_name: null,
};
const NO_LIMITS = { second: null, minute: null, hour: null, day: null, month: null, year: null };

describe('response-ratelimiting config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { limits: { sms: { minute: 10 } } }), {
      header_name: 'x-kong-limit', limit_by: 'consumer', policy: 'local', fault_tolerant: true, redis: REDIS,
      block_on_first_violation: false, hide_client_headers: false, limits: { sms: { ...NO_LIMITS, minute: 10 } },
    });
  });

  it('needs at least one named limit, each with a window, in ascending order', () => {
    assertRejects(configSchema, {}, [['config.limits', 'required field missing']]);
    assertRejects(configSchema, { limits: {} }, [['config.limits', 'length must be at least 1']]);
    assertRejects(configSchema, { limits: { sms: {} } }, [
      ['config.limits.sms', "at least one of these fields must be non-empty: 'second', 'minute', 'hour', 'day', 'month', 'year'"],
    ]);
    assertRejects(configSchema, { limits: { sms: { second: 5, minute: 2 } } }, [
      ['config.limits.sms', 'the limit for minute(2.0) cannot be lower than the limit for second(5.0)'],
    ]);
    assertRejects(configSchema, { limits: { sms: { minute: -1 } } }, [['config.limits.sms.minute', 'value must be greater than 0']]);
  });

  it('needs redis settings with the redis policy', () => {
    assertRejects(configSchema, { limits: { a: { minute: 1 } }, policy: 'redis' }, [
      ['config', "failed conditional validation given value of field 'config.policy'"],
      ['config.redis.host', 'required field missing'],
    ]);
  });

  it('maps the deprecated redis_* shorthands into redis', () => {
    const cfg = expand(configSchema, { limits: { a: { minute: 1 } }, policy: 'redis', redis_host: 'r', redis_timeout: 50 }) as { redis: unknown };
    assert.deepEqual(cfg.redis, { ...REDIS, host: 'r', timeout: 50 });
  });
});
