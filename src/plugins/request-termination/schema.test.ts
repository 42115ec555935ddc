import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand } from '../schema-kit/testing.js';

describe('request-termination config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), {
      status_code: 503, message: null, content_type: null, body: null, echo: false, trigger: null,
    });
  });

  it('rejects bad status codes and trigger names', () => {
    assertRejects(configSchema, { status_code: 600 }, [['config.status_code', 'value should be between 100 and 599']]);
    assertRejects(configSchema, { trigger: 'x y' }, [
      ['config.trigger', "bad header name 'x y', allowed characters are A-Z, a-z, 0-9, '_', and '-'"],
    ]);
  });

  it("applies Kong's custom validator", () => {
    assertRejects(configSchema, { message: 'm', body: 'b' }, [['config', 'message cannot be used with content_type or body']]);
    assertRejects(configSchema, { content_type: 'text/plain' }, [['config', 'content_type requires a body']]);
    assertRejects(configSchema, { echo: true, body: 'b' }, [['config', 'echo cannot be used with content_type and body']]);
    expand(configSchema, { content_type: 'text/plain', body: 'hello' });
  });
});
