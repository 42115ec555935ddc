/**
 * jwt (kong/plugins/jwt/handler.lua, Kong 3.x): a JWT from the query, a
 * cookie or a `Bearer` header names a jwt_secret by its key claim; the
 * token's signature must verify with that secret (HS*) or public key, the
 * configured registered claims must hold, and the request is then made by
 * the secret's consumer. Failures are kong.response.exit (compact JSON, no
 * request id) with a `WWW-Authenticate: Bearer` challenge.
 */
import type { KeyObject } from 'node:crypto';
import { definePlugin, type AccessResult, type JwtSecret, type LocalReply, type PluginContext } from '../sdk.js';
import { configSchema, type Config } from './schema.js';
import {
  LuaError, checkMaximumExpiration, decodeToken, jwtBase64Decode, loadPublicKey, luaIndex, luaTruthy, verifyHmac,
  verifyRegisteredClaims, verifyWithKey, type ClaimErrors,
} from './jwt-parser.js';
import { bearerToken, cookieValue, headerLookupName, parseQueryArgs, type ArgValue } from './request-tokens.js';

/** kong.ctx.shared key the token is stored under on success. */
export const AUTHENTICATED_JWT_TOKEN = 'authenticated_jwt_token';

/**
 * What verifies a secret's tokens, per secret and secret_is_base64:
 * HMAC key bytes, a public key, a load failure (raised per request, as
 * Kong's assertion), `invalid` (Kong's `Invalid key/secret`), or `unknown`
 * (an HS secret left out of the file: Kong would have made up a random
 * one, which no token can match).
 */
type Material =
  | { kind: 'hmac'; key: Buffer }
  | { kind: 'public'; key: KeyObject }
  | { kind: 'broken'; error: Error }
  | { kind: 'invalid' }
  | { kind: 'unknown' };

const materialCache = [new WeakMap<JwtSecret, Material>(), new WeakMap<JwtSecret, Material>()];

function materialFor(secret: JwtSecret, algorithm: string, base64: boolean): Material {
  const cache = materialCache[base64 ? 1 : 0];
  let m = cache.get(secret);
  if (m === undefined) {
    m = buildMaterial(secret, algorithm, base64);
    cache.set(secret, m);
  }
  return m;
}

function buildMaterial(secret: JwtSecret, algorithm: string, base64: boolean): Material {
  const hs = algorithm.startsWith('HS');
  if (hs && (secret.secret === null || secret.secret === undefined)) return { kind: 'unknown' };
  const raw = hs ? secret.secret : secret.rsa_public_key;
  let bytes: Buffer | null;
  if (raw === null || raw === undefined) {
    // base64_decode(nil) raises in Kong; without base64 it is `Invalid key/secret`
    if (base64) return { kind: 'broken', error: new LuaError('bad argument to base64_decode (string expected, got nil)') };
    bytes = null;
  } else {
    bytes = base64 ? jwtBase64Decode(raw) : Buffer.from(raw, 'utf8');
  }
  if (bytes === null) return { kind: 'invalid' };
  if (hs) return { kind: 'hmac', key: bytes };
  try {
    return { kind: 'public', key: loadPublicKey(bytes) };
  } catch (err) {
    return { kind: 'broken', error: err as Error };
  }
}

interface TokenSources {
  readonly query: readonly string[];
  readonly cookies: readonly string[];
  /** header names as looked up (lower case, `_` as `-`) */
  readonly headers: readonly string[];
}

/** retrieve_tokens: every distinct non-empty token from the query, the cookies and the headers. */
function retrieveTokens(ctx: PluginContext, sources: TokenSources): Set<ArgValue> {
  const tokens = new Set<ArgValue>();
  if (sources.query.length > 0 && ctx.request.rawQuery !== '') {
    const args = parseQueryArgs(ctx.request.rawQuery);
    for (const name of sources.query) {
      for (const v of args.get(name) ?? []) if (v !== '') tokens.add(v);
    }
  }
  if (sources.cookies.length > 0) {
    const cookies = ctx.request.headerValues('cookie');
    if (cookies.length > 0) {
      for (const name of sources.cookies) {
        const v = cookieValue(cookies, name);
        if (v !== undefined && v !== '') tokens.add(v);
      }
    }
  }
  for (const name of sources.headers) {
    const value = ctx.request.header(name);
    if (value === undefined) continue;
    const token = bearerToken(value);
    if (token !== undefined && token !== '') tokens.add(token);
  }
  return tokens;
}

export const jwt = definePlugin({
  name: 'jwt',
  priority: 1450,
  configSchema,
  compile(config: Config) {
    const anonymous = config.anonymous ?? null;
    const sources: TokenSources = {
      query: config.uri_param_names ?? [],
      cookies: config.cookie_names ?? [],
      headers: (config.header_names ?? []).map(headerLookupName),
    };
    const claimName = config.key_claim_name ?? 'iss';
    const claimsToVerify = config.claims_to_verify ?? [];
    const maximumExpiration = config.maximum_expiration ?? 0;
    const challenge = config.realm === null || config.realm === undefined ? 'Bearer' : `Bearer realm="${config.realm}"`;
    const challengeInvalid = `${challenge} error="invalid_token"`;
    const noToken: LocalReply = { kind: 'exit', status: 401, body: { message: 'Unauthorized' }, headers: [['WWW-Authenticate', challenge]] };
    const invalid = (body: object): LocalReply => ({
      kind: 'exit', status: 401, body, headers: [['WWW-Authenticate', challengeInvalid]],
    });
    const message = (text: string) => invalid({ message: text });

    /** do_authentication: null on success (consumer set), else the reply. Kong's Lua errors are thrown. */
    function authenticate(ctx: PluginContext): LocalReply | null {
      const tokens = retrieveTokens(ctx, sources);
      if (tokens.size === 0) return noToken;
      if (tokens.size > 1) return message('Multiple tokens provided');
      const token = tokens.values().next().value as ArgValue;
      if (typeof token !== 'string') return message('Unrecognizable token');

      const decoded = decodeToken(token);
      if ('error' in decoded) return message(`Bad token; ${decoded.error}`);
      const jwt = decoded.jwt;

      let key = luaIndex(jwt.claims, claimName);
      if (!luaTruthy(key)) key = luaIndex(jwt.header, claimName);
      if (!luaTruthy(key)) return message(`No mandatory '${claimName}' in claims`);
      if (key === '') return message(`Invalid '${claimName}' in claims`);
      // select_by_key validates the key as a string: anything else is a database error (500)
      if (typeof key !== 'string') throw new LuaError(`invalid argument 'key' (expected a string)`);

      const secret = ctx.consumers.jwt(key);
      if (!secret) return message(`No credentials found for given '${claimName}'`);
      const algorithm = secret.algorithm ?? 'HS256';
      if (jwt.alg !== algorithm) return message('Invalid algorithm');

      const material = materialFor(secret, algorithm, config.secret_is_base64);
      if (material.kind === 'invalid') return message('Invalid key/secret');
      if (material.kind === 'broken') throw material.error;
      const verified = material.kind === 'hmac' ? verifyHmac(algorithm, jwt, material.key)
        : material.kind === 'public' ? verifyWithKey(algorithm, jwt, material.key)
          : false;
      if (!verified) return message('Invalid signature');

      const now = Math.floor(Date.now() / 1000);
      let errors: ClaimErrors | null = verifyRegisteredClaims(jwt.claims, claimsToVerify, now);
      if (errors) return invalid(errors);
      if (maximumExpiration > 0) {
        errors = checkMaximumExpiration(jwt.claims, maximumExpiration, now);
        if (errors) return invalid(errors);
      }

      ctx.authenticate(secret.consumerRecord, { id: secret.id, identifier: secret.key ?? key });
      ctx.shared.set(AUTHENTICATED_JWT_TOKEN, token);
      return null;
    }

    return {
      access(ctx): AccessResult {
        if (!config.run_on_preflight && ctx.request.method === 'OPTIONS') return undefined;
        if (anonymous === null) return authenticate(ctx) ?? undefined;
        // logical OR: a credential from an earlier auth plugin is enough
        if (ctx.credential !== null) return undefined;
        if (authenticate(ctx) === null) return undefined;
        const consumer = ctx.consumers.anonymous(anonymous);
        if (!consumer) return { kind: 'error', status: 500, message: `anonymous consumer ${anonymous} is configured but doesn't exist` };
        ctx.authenticateAnonymous(consumer);
        ctx.shared.delete(AUTHENTICATED_JWT_TOKEN);
        return undefined;
      },
    };
  },
});
