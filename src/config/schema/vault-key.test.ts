import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { fromZodIssues } from './zod-issues.js';
import { checkVault, vaultFields } from './vault.js';
import { checkKey, jwkProblem, keyFields } from './key.js';
import { keySetFields } from './key-set.js';

const tls = (f: string) => readFileSync(new URL(`../../../test/fixtures/tls/${f}`, import.meta.url), 'utf8');
const PRIVATE = tls('server.key');
const PUBLIC = tls('server.pub');
const OTHER = tls('other.key');

const vault = z.strictObject(vaultFields).superRefine(checkVault);
const key = z.strictObject(keyFields).superRefine(checkKey);
const keySet = z.strictObject(keySetFields);

function parse(schema: z.ZodType, input: unknown): { value?: Record<string, unknown>; issues: string[][] } {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return { value: r.data as Record<string, unknown>, issues: [] };
  return { issues: fromZodIssues(r.error.issues, []).map((i) => [i.path.join('.'), i.message, i.code]) };
}

const rsaJwk = (kid: string) => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return { ...publicKey.export({ format: 'jwk' }), kid };
};

test('vault: env vault with config.prefix is accepted; optional fields default to null', () => {
  const { value, issues } = parse(vault, { name: 'env', prefix: 'my-env-vault', config: { prefix: 'MY_SECRET_' }, tags: null });
  assert.deepEqual(issues, []);
  assert.equal(value!.description, null);
  assert.equal(value!.tags, null);
  assert.deepEqual(value!.config, { prefix: 'MY_SECRET_' });
  assert.deepEqual(parse(vault, { name: 'env', prefix: 'ab' }).value!.config, null);
});

test('vault: an uninstalled vault type reports only the name, as in Kong', () => {
  assert.deepEqual(parse(vault, { name: 'vault-not-installed', prefix: 'env', config: { region: 'x' } }).issues, [
    ['name', "vault 'vault-not-installed' is not installed", 'vault-unknown'],
  ]);
  assert.deepEqual(parse(vault, { prefix: 'p1' }).issues, [['name', 'required field missing', 'schema-required']]);
});

test('vault: prefix pattern and reserved names', () => {
  for (const prefix of ['a', 'My-vault', '1abc', 'abc-', 'a_b']) {
    assert.deepEqual(parse(vault, { name: 'env', prefix }).issues, [['prefix', `invalid value: ${prefix}`, 'schema-pattern']], prefix);
  }
  assert.deepEqual(parse(vault, { name: 'env', prefix: 'env' }).issues, [['prefix', 'expected none of: env', 'schema-enum']]);
  assert.deepEqual(parse(vault, { name: 'env', prefix: 'test-env' }).issues, []);
});

test('vault: env config is checked against the env vault schema', () => {
  assert.deepEqual(parse(vault, { name: 'env', prefix: 'ab', config: { prefix: '1BAD', region: 'x', ttl: -1 } }).issues, [
    ['config.prefix', 'invalid value: 1BAD', 'schema-pattern'],
    ['config.ttl', 'value should be between 0 and 100000000', 'schema-range'],
    ['config.region', 'unknown field', 'schema-unknown-field'],
  ]);
  assert.deepEqual(parse(vault, { name: 'env', prefix: 'ab', config: { ttl: 60, neg_ttl: 5, resurrect_ttl: 1e8 } }).issues, []);
  assert.deepEqual(parse(vault, { name: 'env', prefix: 'ab', config: 'x' }).issues, [['config', 'expected a record', 'schema-type']]);
});

test('key_set: name is optional', () => {
  assert.deepEqual(parse(keySet, {}).value!.name, null);
  assert.deepEqual(parse(keySet, { name: '' }).issues, [['name', 'length must be at least 1', 'schema-length']]);
});

test('key: PEM pair that matches, with a set reference written as decK does', () => {
  const input = { kid: 'k1', name: 'k1', pem: { private_key: PRIVATE, public_key: PUBLIC }, set: { id: 'd46b0e15-ffbc-4b15-ad92-09ef67935453', name: 'bar' } };
  const { value, issues } = parse(key, input);
  assert.deepEqual(issues, []);
  assert.equal(value!.jwk, null);
  assert.deepEqual(parse(key, { kid: 'k', pem: { public_key: PUBLIC } }).value!.pem, { private_key: null, public_key: PUBLIC });
  assert.equal(parse(key, { kid: 'k', pem: { private_key: PRIVATE } }).value!.set, null);
});

test('key: PEM problems use Kong messages on the pem field', () => {
  assert.deepEqual(parse(key, { kid: 'k', pem: {} }).issues, [
    ['pem', "at least one of these fields must be non-empty: 'private_key', 'public_key'", 'schema-entity-check'],
  ]);
  assert.deepEqual(parse(key, { kid: 'k', pem: { public_key: 'nope' } }).issues, [['pem', 'could not load public key', 'schema-invalid']]);
  assert.deepEqual(parse(key, { kid: 'k', pem: { public_key: PRIVATE } }).issues, [['pem', 'could not load public key', 'schema-invalid']]);
  assert.deepEqual(parse(key, { kid: 'k', pem: { private_key: 'nope' } }).issues, [['pem', 'could not load private key', 'schema-invalid']]);
  assert.deepEqual(parse(key, { kid: 'k', pem: { private_key: OTHER, public_key: PUBLIC } }).issues, [
    ['pem', 'public key does not match private key', 'schema-invalid'],
  ]);
  assert.deepEqual(parse(key, { kid: 'k', pem: { private_key: '{vault://env/pk}' } }).issues, []);
});

test('key: exactly one of jwk and pem, and kid is required', () => {
  assert.deepEqual(parse(key, { kid: 'k' }).issues, [['', "at least one of these fields must be non-empty: 'jwk', 'pem'", 'schema-entity-check']]);
  const both = { kid: 'k', jwk: JSON.stringify(rsaJwk('k')), pem: { public_key: PUBLIC } };
  assert.deepEqual(parse(key, both).issues, [['', "only one or none of these fields must be set: 'jwk', 'pem'", 'schema-entity-check']]);
  assert.deepEqual(parse(key, { jwk: '{vault://env/jwk}' }).issues, [['kid', 'required field missing', 'schema-required']]);
});

test('key: JWK checks in Kong order', () => {
  const jwk = rsaJwk('my-kid');
  assert.deepEqual(parse(key, { kid: 'my-kid', jwk: JSON.stringify({ ...jwk, alg: 'A256GCM' }) }).issues, []);
  const entity = (m: string) => [['', m, 'schema-entity-check']];
  assert.deepEqual(parse(key, { kid: 'k', jwk: '{not json' }).issues, entity('could not json decode jwk string'));
  assert.deepEqual(parse(key, { kid: 'other', jwk: JSON.stringify(jwk) }).issues, entity('kid in jwk.kid must be equal to keys.kid'));
  assert.deepEqual(parse(key, { kid: 'k', jwk: JSON.stringify({ kty: 'oct', k: 'c2VjcmV0', kid: 'k' }) }).issues,
    entity('could not load JWK, likely not a valid key'));
  assert.deepEqual(parse(key, { kid: 'my-kid', jwk: JSON.stringify({ ...jwk, ext: true }) }).issues, entity('ext: unknown field'));
  assert.equal(jwkProblem('{vault://env/jwk}', 'k'), undefined);
});
