/**
 * Credential entities of the auth plugins (their daos.lua). All nest under
 * `consumers`; `consumer` is required at top level (requiredForeignKeys).
 * Fields Kong generates when omitted (keyauth `key`, hmacauth `secret`,
 * jwt `key`/`secret`) are null here: the loader decides what to put there.
 */
import type { z } from 'zod';
import { entityBase, fail, oneOf, opt, int, str } from './typedefs.js';
import { foreignKey } from './foreign-key.js';
import { checkConditional } from './entity-checks.js';
import { loadAnyKeyAsPublic } from './pem.js';

/** Kong's DAO_MAX_TTL (seconds). */
const MAX_TTL = 100000000;

const consumer = () => opt(foreignKey());

/** key-auth: `keyauth_credentials`. `ttl` (seconds) is accepted as on every TTL-capable entity. */
export const keyauthCredentialFields = {
  ...entityBase,
  consumer: consumer(),
  key: opt(str()),
  ttl: opt(int(0, MAX_TTL)),
};

/** basic-auth: `basicauth_credentials` (password hashed by the loader when `_transform` is true). */
export const basicauthCredentialFields = {
  ...entityBase,
  consumer: consumer(),
  username: str(),
  password: str(),
};

/** hmac-auth: `hmacauth_credentials`. */
export const hmacauthCredentialFields = {
  ...entityBase,
  consumer: consumer(),
  username: str(),
  secret: opt(str()),
};

export const JWT_ALGORITHMS = [
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA',
] as const;

/** Algorithms whose `rsa_public_key` is required and must load (ES* are not checked, as in Kong). */
export const JWT_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'] as const;

/** jwt: `jwt_secrets`. */
export const jwtSecretFields = {
  ...entityBase,
  consumer: consumer(),
  key: opt(str()),
  secret: opt(str()),
  rsa_public_key: opt(str()),
  algorithm: oneOf(JWT_ALGORITHMS).default('HS256'),
};

/** For RS*, PS* and EdDSA, `rsa_public_key` is required and must load as a key (`invalid key`). */
export function checkJwtSecret(j: { algorithm: string; rsa_public_key: string | null }, ctx: z.RefinementCtx): void {
  const e = j as unknown as Record<string, unknown>;
  checkConditional(e, 'algorithm', JWT_KEY_ALGORITHMS, 'rsa_public_key', { required: true }, ctx);
  const key = j.rsa_public_key;
  if (!(JWT_KEY_ALGORITHMS as readonly string[]).includes(j.algorithm) || typeof key !== 'string' || key === '') return;
  if (typeof loadAnyKeyAsPublic(key) === 'string') {
    fail(ctx, "failed conditional validation given value of field 'algorithm'", 'schema-entity-check');
    fail(ctx, 'invalid key', 'schema-invalid', ['rsa_public_key']);
  }
}

/** acl: `acls`. A group repeated for one consumer collides on the derived id. */
export const aclFields = {
  ...entityBase,
  consumer: consumer(),
  group: str(),
};
