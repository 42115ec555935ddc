import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeUpstreamPath, normalizePath } from './route-path.js';

test('escapeUpstreamPath keeps what Kong keeps and percent-encodes the rest (UTF-8, upper-case hex)', () => {
  assert.equal(escapeUpstreamPath("/ok/path-1_~.%20!$&'()*+,;=:@[]"), "/ok/path-1_~.%20!$&'()*+,;=:@[]");
  assert.equal(escapeUpstreamPath('/a b'), '/a%20b');
  assert.equal(escapeUpstreamPath('/ä'), '/%C3%A4');
  assert.equal(escapeUpstreamPath('/x<y>{z}|^`"'), '/x%3Cy%3E%7Bz%7D%7C%5E%60%22');
});

test('normalizePath decodes unreserved escapes, keeps reserved ones upper-cased, resolves dot segments', () => {
  assert.equal(normalizePath('/a/%7euser/%2f/./b/../c//d'), '/a/~user/%2F/c/d');
  assert.equal(normalizePath('/x/..'), '/');
});
