import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

const EMPTY = { body: [], headers: [], querystring: [] };

describe('request-transformer config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      http_method: null, remove: EMPTY, rename: EMPTY, replace: { ...EMPTY, uri: null }, add: EMPTY, append: EMPTY,
    });
  });

  it('accepts header renames, templates and uri replacement', () => {
    const cfg = expand(configSchema, {
      rename: { headers: ['custom-token:Authorization'] },
      replace: { uri: '/new-prefix$(uri_captures[1])' },
      add: { headers: ['X-Telemetry-Testing:complete'], querystring: ['a:$(headers.x)'] },
    }) as { rename: { headers: string[] }; replace: { uri: string } };
    assert.deepEqual(cfg.rename.headers, ['custom-token:Authorization']);
    assert.equal(cfg.replace.uri, '/new-prefix$(uri_captures[1])');
  });

  it('rejects malformed entries with Kong messages', () => {
    assertRejects(configSchema, { http_method: 'get' }, [['config.http_method', 'invalid value: get']]);
    assertRejects(configSchema, { add: { headers: ['X-Foo'] } }, [['config.add.headers.0', 'invalid value: X-Foo']]);
    assertRejects(configSchema, { add: { headers: ['X Foo:1'] } }, [['config.add.headers.0', "'X Foo' is not a valid header"]]);
    assertRejects(configSchema, { rename: { headers: ['a:b c'] } }, [['config.rename.headers.0', "'b c' is not a valid header"]]);
    assertRejects(configSchema, { remove: { headers: ['a b'] } }, [['config.remove.headers.0', "'a b' is not a valid header"]]);
    assertRejects(configSchema, { add: { body: ['name'] } }, [['config.add.body.0', "key 'name' has no value"]]);
    assertRejects(configSchema, { add: { querystring: ['name:'] } }, [['config.add.querystring.0', "key 'name' has no value"]]);
    assertRejects(configSchema, { remove: null }, [['config.remove', 'required field missing']]);
  });
});
