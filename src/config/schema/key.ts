import type { z } from 'zod';
import type { JsonWebKey } from 'node:crypto';
import { entityBase, fail, opt, record, str } from './typedefs.js';
import { foreignKey } from './foreign-key.js';
import { checkAtLeastOneOf, checkMutuallyExclusive } from './entity-checks.js';
import { isVaultReference, loadJwk, loadPrivateKey, loadPublicKeyOnly, samePublicKey } from './pem.js';

const KEY_FORMATS = ['jwk', 'pem'] as const;

/** Kong `typedefs.pem`: at least one key; each must load; a pair must match. References are not checked. */
const pem = () =>
  record({ private_key: opt(str()), public_key: opt(str()) }).superRefine((p, ctx) => {
    if (p.private_key === null && p.public_key === null) {
      return fail(ctx, "at least one of these fields must be non-empty: 'private_key', 'public_key'", 'schema-entity-check');
    }
    if (isVaultReference(p.private_key) || isVaultReference(p.public_key)) return;
    const pub = p.public_key === null ? undefined : loadPublicKeyOnly(p.public_key);
    if (p.public_key !== null && !pub) return fail(ctx, 'could not load public key', 'schema-invalid');
    const priv = p.private_key === null ? undefined : loadPrivateKey(p.private_key);
    if (typeof priv === 'string') return fail(ctx, 'could not load private key', 'schema-invalid');
    if (pub && priv && !samePublicKey(pub, priv)) fail(ctx, 'public key does not match private key', 'schema-invalid');
  });

/** Kong `keys` entity: a JWK (JSON string) or a PEM pair, identified by `kid`. */
export const keyFields = {
  ...entityBase,
  set: opt(foreignKey()),
  name: opt(str()),
  kid: str(),
  jwk: opt(str()),
  pem: opt(pem()),
};

/** Fields of Kong's `typedefs.jwk` record (all strings but the two arrays). */
const JWK_STRING_FIELDS = new Set([
  'issuer', 'kty', 'use', 'alg', 'kid', 'x5u', 'x5t', 'x5t#S256', 'k', 'x', 'y', 'crv', 'n', 'e', 'd', 'p', 'q',
  'dp', 'dq', 'qi', 'oth', 'r', 't',
]);
const JWK_ARRAY_FIELDS = new Set(['key_ops', 'x5c']);

/** Kong's `typedefs.jwk` record check, as `errors_to_string` renders it (`field: message; ...`). */
function jwkRecordProblem(jwk: Record<string, unknown>): string | undefined {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(jwk)) {
    if (JWK_STRING_FIELDS.has(k)) {
      if (typeof v !== 'string') problems.push(`${k}: expected a string`);
    } else if (JWK_ARRAY_FIELDS.has(k)) {
      if (!Array.isArray(v)) problems.push(`${k}: expected an array`);
      else if (v.some((x) => typeof x !== 'string')) problems.push(`${k}: expected a string`);
    } else problems.push(`${k}: unknown field`);
  }
  return problems.length ? problems.join('; ') : undefined;
}

/** Kong's JWK checks, in Kong's order; undefined when the JWK is acceptable. */
export function jwkProblem(jwk: string, kid: string): string | undefined {
  if (isVaultReference(jwk)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwk);
  } catch {
    return 'could not json decode jwk string';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'could not json decode jwk string';
  const obj = parsed as Record<string, unknown>;
  if (obj.kid !== kid) return 'kid in jwk.kid must be equal to keys.kid';
  if (!loadJwk(obj as JsonWebKey)) return 'could not load JWK, likely not a valid key';
  return jwkRecordProblem(obj);
}

/** Exactly one of `jwk`/`pem`; a JWK must parse, carry the same `kid` and load as a key. */
export function checkKey(k: { kid: string; jwk: string | null; pem: unknown }, ctx: z.RefinementCtx): void {
  const e = k as unknown as Record<string, unknown>;
  checkMutuallyExclusive(e, KEY_FORMATS, ctx);
  checkAtLeastOneOf(e, KEY_FORMATS, ctx);
  if (typeof k.jwk !== 'string' || typeof k.kid !== 'string' || k.jwk === '') return;
  const problem = jwkProblem(k.jwk, k.kid);
  if (problem) fail(ctx, problem, 'schema-entity-check');
}
