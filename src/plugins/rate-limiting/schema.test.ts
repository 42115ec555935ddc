import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const REDIS = {
  host: null, port: 6379, timeout: 2000, username: null, password: null, database: 0, ssl: false, ssl_verify: false, server_name: null,
};

describe('rate-limiting config', () => {
  it('expands the minimal config to the defaults', () => {
    assert.deepEqual(expand(configSchema, { minute: 5 }), {
      second: null, minute: 5, hour: null, day: null, month: null, year: null, limit_by: 'consumer', header_name: null,
      path: null, policy: 'local', fault_tolerant: true, redis: REDIS, hide_client_headers: false, error_code: 429,
      error_message: 'API rate limit exceeded', sync_rate: -1,
    });
  });

  it('needs at least one limit, each > 0, in ascending order', () => {
    assertRejects(configSchema, {}, [
      ['config', "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'"],
    ]);
    assertRejects(configSchema, { minute: 0 }, [['config.minute', 'value must be greater than 0']]);
    assertRejects(configSchema, { minute: 20, hour: 10 }, [['config', 'The limit for hour(10.0) cannot be lower than the limit for minute(20.0)']]);
  });

  it('rejects the cluster policy (DB-less) and misplaced sync_rate', () => {
    assertRejects(configSchema, { minute: 1, policy: 'cluster' }, [['config.policy', 'expected one of: local, redis']]);
    assertRejects(configSchema, { minute: 1, sync_rate: 1 }, [['config', 'sync_rate can only be used with the redis policy']]);
    assertRejects(configSchema, { minute: 1, policy: 'redis', redis: { host: 'r' }, sync_rate: 0.01 }, [
      ['config', 'sync_rate must be greater than 0.02, or -1 to disable'],
    ]);
  });

  it('needs redis.host with the redis policy, header_name and path with their limit_by', () => {
    assertRejects(configSchema, { minute: 1, policy: 'redis' }, [
      ['config', "failed conditional validation given value of field 'config.policy'"],
      ['config.redis.host', 'required field missing'],
    ]);
    assertRejects(configSchema, { minute: 1, limit_by: 'header' }, [
      ['config', "failed conditional validation given value of field 'config.limit_by'"],
      ['config.header_name', 'required field missing'],
    ]);
    assertRejects(configSchema, { minute: 1, limit_by: 'path', path: 'x' }, [['config.path', 'should start with: /']]);
  });

  it('maps the deprecated redis_* shorthands into redis', () => {
    const cfg = expand(configSchema, { hour: 10000, policy: 'redis', redis_database: 2, redis_host: 'localhost-2', redis_ssl: true }) as Record<string, unknown>;
    assert.deepEqual(cfg.redis, { ...REDIS, host: 'localhost-2', database: 2, ssl: true });
    assert.equal('redis_host' in cfg, false);
  });

  it('lets the real field win over a null or equal shorthand, and fills a null one', () => {
    const same = expand(configSchema, { minute: 1, redis_port: 6380, redis: { port: 6380 } }) as { redis: { port: number } };
    assert.equal(same.redis.port, 6380);
    const nulls = expand(configSchema, { minute: 1, redis_host: null, redis: { host: 'h' } }) as { redis: { host: string } };
    assert.equal(nulls.redis.host, 'h');
    const fill = expand(configSchema, { minute: 1, redis_host: 'h', redis: { host: null } }) as { redis: { host: string } };
    assert.equal(fill.redis.host, 'h');
  });

  it('rejects a shorthand that disagrees with the real field, or of the wrong type', () => {
    assertRejects(configSchema, { minute: 1, redis_port: 6380, redis: { port: 6381 } }, [
      ['config.redis_port', 'both deprecated and new field are used but their values mismatch: redis_port = 6380 vs redis.port = 6381'],
    ]);
    assertRejects(configSchema, { minute: 1, redis_ssl: 'yes' }, [['config.redis_ssl', 'expected a boolean']]);
    assertRejects(configSchema, { minute: 1, redis_host: '' }, [['config.redis_host', 'length must be at least 1']]);
  });
});
