import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from './schema.js';
import { assertRejects, expand, issuesOf } from '../schema-kit/testing.js';

describe('bot-detection config', () => {
  it('expands {} to the defaults', () => {
    assert.deepEqual(expand(configSchema, {}), { allow: [], deny: [] });
  });

  it('accepts regexes', () => {
    assert.deepEqual(expand(configSchema, { deny: ['(libwww-perl)', '(Python-urllib)'] }), {
      allow: [], deny: ['(libwww-perl)', '(Python-urllib)'],
    });
  });

  it('rejects an invalid regex with Kong message', () => {
    assertRejects(configSchema, { allow: ['(https?:\\/\\/.*'] }, [['config.allow.0', 'not a valid regex: (https?:\\/\\/.*']]);
  });

  it('says why a PCRE-only regex cannot be used', () => {
    const [[path, message, code]] = issuesOf(configSchema, { deny: ['(?i)curl'] });
    assert.equal(path, 'config.deny.0');
    assert.match(message, /^not a valid regex: \(\?i\)curl \(inline flags/);
    assert.equal(code, 'schema-regex-unsupported');
  });

  it('rejects non-array lists', () => {
    assertRejects(configSchema, { allow: 'x' }, [['config.allow', 'expected an array']]);
  });
});
