import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromZodIssues } from './zod-issues.js';
import {
  aclFields, basicauthCredentialFields, checkJwtSecret, hmacauthCredentialFields, jwtSecretFields, keyauthCredentialFields,
} from './credentials.js';
import { ENTITY_KINDS, entityKind } from './entities.js';

const PUBLIC = readFileSync(new URL('../../../test/fixtures/tls/server.pub', import.meta.url), 'utf8');
const CONSUMER = { id: 'e150d090-4d53-4e55-bff8-efaaccd34ec4' };

const keyauth = z.strictObject(keyauthCredentialFields);
const basicauth = z.strictObject(basicauthCredentialFields);
const hmacauth = z.strictObject(hmacauthCredentialFields);
const jwt = z.strictObject(jwtSecretFields).superRefine(checkJwtSecret);
const acl = z.strictObject(aclFields);

function parse(schema: z.ZodType, input: unknown): { value?: Record<string, unknown>; issues: string[][] } {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return { value: r.data as Record<string, unknown>, issues: [] };
  return { issues: fromZodIssues(r.error.issues, []).map((i) => [i.path.join('.'), i.message, i.code]) };
}

test('keyauth_credentials: key and ttl optional; ttl range; unknown fields', () => {
  const { value, issues } = parse(keyauth, { key: 'test', consumer: CONSUMER.id, created_at: 1593624542, ttl: null, tags: null });
  assert.deepEqual(issues, []);
  assert.equal(value!.ttl, null);
  assert.equal(value!.consumer, CONSUMER.id);
  assert.deepEqual(parse(keyauth, {}).value, { id: null, created_at: null, tags: null, consumer: null, key: null, ttl: null });
  assert.equal(parse(keyauth, { ttl: 3600 }).value!.ttl, 3600);
  assert.deepEqual(parse(keyauth, { ttl: -1 }).issues, [['ttl', 'value should be between 0 and 100000000', 'schema-range']]);
  assert.deepEqual(parse(keyauth, { key: '' }).issues, [['key', 'length must be at least 1', 'schema-length']]);
  assert.deepEqual(parse(keyauth, { secret: 'x' }).issues, [['secret', 'unknown field', 'schema-unknown-field']]);
});

test('basicauth_credentials: username and password required', () => {
  assert.deepEqual(parse(basicauth, { username: 'u', password: 'p', consumer: CONSUMER }).issues, []);
  assert.deepEqual(parse(basicauth, {}).issues, [
    ['username', 'required field missing', 'schema-required'],
    ['password', 'required field missing', 'schema-required'],
  ]);
  assert.deepEqual(parse(basicauth, { username: 'u', password: 'p', extra_field: 'NO!' }).issues, [
    ['extra_field', 'unknown field', 'schema-unknown-field'],
  ]);
  assert.deepEqual(parse(basicauth, { username: 'u', password: 1 }).issues, [['password', 'expected a string', 'schema-type']]);
});

test('hmacauth_credentials: username required, secret optional', () => {
  const { value, issues } = parse(hmacauth, { username: 'consumer-1' });
  assert.deepEqual(issues, []);
  assert.equal(value!.secret, null);
  assert.deepEqual(parse(hmacauth, { secret: 's' }).issues, [['username', 'required field missing', 'schema-required']]);
});

test('jwt_secrets: HS256 by default; algorithm enum', () => {
  const { value, issues } = parse(jwt, { key: 'key' });
  assert.deepEqual(issues, []);
  assert.equal(value!.algorithm, 'HS256');
  assert.equal(value!.secret, null);
  assert.equal(value!.rsa_public_key, null);
  assert.deepEqual(parse(jwt, { algorithm: 'none' }).issues, [
    ['algorithm', 'expected one of: HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512, EdDSA', 'schema-enum'],
  ]);
});

test('jwt_secrets: RS*, PS* and EdDSA need an rsa_public_key that loads; ES* do not', () => {
  const entity = ['', "failed conditional validation given value of field 'algorithm'", 'schema-entity-check'];
  for (const algorithm of ['RS256', 'PS512', 'EdDSA']) {
    assert.deepEqual(parse(jwt, { algorithm }).issues, [entity, ['rsa_public_key', 'required field missing', 'schema-required']], algorithm);
  }
  assert.deepEqual(parse(jwt, { algorithm: 'RS256', rsa_public_key: 'not a key' }).issues, [entity, ['rsa_public_key', 'invalid key', 'schema-invalid']]);
  assert.deepEqual(parse(jwt, { algorithm: 'RS256', rsa_public_key: PUBLIC }).issues, []);
  assert.deepEqual(parse(jwt, { algorithm: 'ES256' }).issues, []);
  assert.deepEqual(parse(jwt, { algorithm: 'HS256', rsa_public_key: 'not a key' }).issues, []);
});

test('acls: group required', () => {
  assert.deepEqual(parse(acl, { group: 'admins', consumer: 'bob' }).value!.group, 'admins');
  assert.deepEqual(parse(acl, {}).issues, [['group', 'required field missing', 'schema-required']]);
});

test('ENTITY_KINDS: the new kinds are registered with Kong keys, nesting and cache keys', () => {
  const keys = ENTITY_KINDS.map((k) => k.key);
  for (const k of ['upstreams', 'targets', 'certificates', 'snis', 'ca_certificates', 'vaults', 'keys', 'key_sets',
    'keyauth_credentials', 'basicauth_credentials', 'hmacauth_credentials', 'jwt_secrets', 'acls']) {
    assert.ok(keys.includes(k as never), k);
  }
  assert.equal(new Set(keys).size, keys.length, 'no duplicates');
  assert.deepEqual(entityKind('upstreams')!.children, { targets: 'upstream' });
  assert.deepEqual(entityKind('certificates')!.children, { snis: 'certificate', services: 'client_certificate', upstreams: 'client_certificate' });
  assert.deepEqual(entityKind('key_sets')!.children, { keys: 'set' });
  assert.deepEqual(entityKind('targets')!.cacheKey, ['upstream', 'target']);
  assert.deepEqual(entityKind('acls')!.cacheKey, ['consumer', 'group']);
  assert.deepEqual(entityKind('keys')!.cacheKey, ['kid', 'set']);
  assert.deepEqual(entityKind('vaults')!.cacheKey, ['prefix']);
  assert.equal(entityKind('vaults')!.endpointKey, 'prefix');
  assert.equal(entityKind('certificates')!.endpointKey, undefined);
  assert.equal(entityKind('jwt_secrets')!.singular, 'jwt_secret');
  assert.deepEqual(entityKind('basicauth_credentials')!.unique, ['username']);
  assert.deepEqual(entityKind('snis')!.requiredForeignKeys, ['certificate']);
  for (const kind of ENTITY_KINDS) {
    for (const [child, field] of Object.entries(kind.children)) {
      const c = entityKind(child)!;
      assert.equal(c.foreignKeys[field!], kind.key, `${child}.${field} points back to ${kind.key}`);
    }
    for (const f of [...Object.keys(kind.foreignKeys), ...(kind.requiredForeignKeys ?? [])]) assert.ok(f in kind.fields, `${kind.key}.${f}`);
  }
});
