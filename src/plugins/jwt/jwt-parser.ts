/**
 * The token side of Kong's jwt plugin (kong/plugins/jwt/jwt_parser.lua):
 * decoding with Kong's own base64 and error strings, signature checks over
 * the token's raw segments, the registered-claims checks.
 *
 * Signatures are checked with node:crypto over the segments exactly as the
 * client sent them (as Kong does), not through a JOSE library: those refuse
 * tokens Kong accepts (standard-alphabet or padded base64 segments, `crit`
 * headers, RSA keys under 2048 bits).
 */
import { createHmac, createPublicKey, constants, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/** The `alg` values jwt_parser can verify; any other makes the token `invalid alg`. */
export const JWT_ALGORITHMS: ReadonlySet<string> = new Set([
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA',
]);

const STANDARD_ALPHABET = /^[A-Za-z0-9+/]*$/;

/**
 * ngx.decode_base64 (nginx's ngx_decode_base64): standard alphabet, decoding
 * stops at the first `=` (whatever follows is ignored); null for a character
 * outside the alphabet or a length of 4n+1.
 */
export function ngxDecodeBase64(input: string): Buffer | null {
  const eq = input.indexOf('=');
  const data = eq === -1 ? input : input.slice(0, eq);
  if (!STANDARD_ALPHABET.test(data) || data.length % 4 === 1) return null;
  return Buffer.from(data, 'base64');
}

/** jwt_parser's base64_decode: the URL-safe alphabet mapped onto the standard one, then ngx.decode_base64. */
export function jwtBase64Decode(input: string): Buffer | null {
  return ngxDecodeBase64(input.replace(/-/g, '+').replace(/_/g, '/'));
}

/** A Lua error, as Kong raises it: the request ends in a 500. */
export class LuaError extends Error {}

function luaType(v: unknown): string {
  if (v === null) return 'userdata';
  return typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : typeof v;
}

/**
 * `value[key]` on what cjson decoded: objects are tables (arrays have no
 * string keys), strings index the string library (no claim name found there),
 * numbers, booleans and JSON null raise.
 */
export function luaIndex(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) return undefined;
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === 'string') return undefined;
  throw new LuaError(`attempt to index a ${luaType(value)} value`);
}

/** Lua truthiness: only nil and false are false. */
export function luaTruthy(v: unknown): boolean {
  return v !== undefined && v !== false;
}

export interface DecodedJwt {
  readonly header: unknown;
  readonly claims: unknown;
  readonly alg: string;
  /** `header_64 .. "." .. claims_64`, the bytes the signature covers */
  readonly signingInput: Buffer;
  readonly signature: Buffer;
}

function decodeJson(segment: string | undefined): unknown {
  if (segment === undefined) throw new SyntaxError('no segment');
  const bytes = jwtBase64Decode(segment);
  if (bytes === null) throw new SyntaxError('bad base64');
  return JSON.parse(bytes.toString('utf8'));
}

/**
 * jwt_parser decode_token: `{ jwt }` or `{ error }` with Kong's reason
 * (`invalid JSON`, `invalid alg`, `invalid claims`, `invalid signature`).
 * `token` is the token's bytes as a latin1 string.
 */
export function decodeToken(token: string): { jwt: DecodedJwt } | { error: string } {
  // tokenize(token, ".", 3): the third part keeps any further dots
  const first = token.indexOf('.');
  const second = first === -1 ? -1 : token.indexOf('.', first + 1);
  const header64 = first === -1 ? token : token.slice(0, first);
  const claims64 = first === -1 ? undefined : second === -1 ? token.slice(first + 1) : token.slice(first + 1, second);
  const signature64 = second === -1 ? undefined : token.slice(second + 1);
  let header: unknown;
  let claims: unknown;
  let signature: Buffer | null;
  try {
    header = decodeJson(header64);
    claims = decodeJson(claims64);
    if (signature64 === undefined) throw new SyntaxError('no signature');
    signature = jwtBase64Decode(signature64);
  } catch {
    return { error: 'invalid JSON' };
  }
  const alg = luaIndex(header, 'alg');
  if (typeof alg !== 'string' || !JWT_ALGORITHMS.has(alg)) return { error: 'invalid alg' };
  if (!luaTruthy(claims)) return { error: 'invalid claims' };
  if (signature === null) return { error: 'invalid signature' };
  return {
    jwt: { header, claims, alg, signingInput: Buffer.from(`${header64}.${claims64}`, 'latin1'), signature },
  };
}

const DIGEST: Record<string, string> = {
  HS256: 'sha256', HS384: 'sha384', HS512: 'sha512',
  RS256: 'sha256', RS384: 'sha384', RS512: 'sha512',
  ES256: 'sha256', ES384: 'sha384', ES512: 'sha512',
  PS256: 'sha256', PS384: 'sha384', PS512: 'sha512',
};

/** Raw (r||s) ECDSA signature sizes jwt_parser asserts on. */
const ES_SIGNATURE_BYTES: Record<string, number> = { ES256: 64, ES384: 96, ES512: 132 };

/**
 * openssl_pkey.new(key) for a consumer's key: PEM (public or private), else
 * DER (SPKI, PKCS#1). A key that does not load is jwt_parser's assertion
 * `Consumer Public Key is Invalid` (a 500).
 */
export function loadPublicKey(material: Buffer): KeyObject {
  const attempts: (() => KeyObject)[] = [
    () => createPublicKey(material.toString('latin1')),
    () => createPublicKey({ key: material, format: 'der', type: 'spki' }),
    () => createPublicKey({ key: material, format: 'der', type: 'pkcs1' }),
  ];
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // next format
    }
  }
  throw new LuaError('Consumer Public Key is Invalid');
}

/** HS*: the HMAC of the signing input under `key`, compared with the token's signature. */
export function verifyHmac(alg: string, jwt: DecodedJwt, key: Buffer): boolean {
  const expected = createHmac(DIGEST[alg], key).update(jwt.signingInput).digest();
  return expected.length === jwt.signature.length && timingSafeEqual(expected, jwt.signature);
}

/**
 * RS*, ES*, PS*, EdDSA against a loaded public key. ES* and PS* signatures
 * of the wrong size are jwt_parser assertions (500), as in Kong.
 */
export function verifyWithKey(alg: string, jwt: DecodedJwt, key: KeyObject): boolean {
  const sig = jwt.signature;
  const data = jwt.signingInput;
  const esSize = ES_SIGNATURE_BYTES[alg];
  if (esSize !== undefined && sig.length !== esSize) throw new LuaError(`Signature must be ${esSize} bytes.`);
  if (alg.startsWith('PS') && sig.length !== 256) throw new LuaError('Signature must be 256 bytes');
  try {
    if (alg === 'EdDSA') return verify(null, data, key, sig);
    if (esSize !== undefined) return verify(DIGEST[alg], data, { key, dsaEncoding: 'ieee-p1363' }, sig);
    if (alg.startsWith('PS')) {
      return verify(DIGEST[alg], data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig);
    }
    return verify(DIGEST[alg], data, { key, padding: constants.RSA_PKCS1_PADDING }, sig);
  } catch {
    // a key of another type than the algorithm wants: openssl's verify fails, not a match
    return false;
  }
}

/** The error map of verify_registered_claims / check_maximum_expiration, in claims_to_verify order. */
export type ClaimErrors = Record<string, string>;

/** verify_registered_claims: each listed claim must be a number; exp must be in the future, nbf not. */
export function verifyRegisteredClaims(claims: unknown, toVerify: readonly string[], now: number): ClaimErrors | null {
  let errors: ClaimErrors | null = null;
  for (const name of toVerify) {
    const value = luaIndex(claims, name);
    let error: string | null = null;
    if (typeof value !== 'number') error = 'must be a number';
    else if (name === 'exp' && value <= now) error = 'token expired';
    else if (name === 'nbf' && value > now) error = 'token not valid yet';
    if (error !== null) (errors ??= {})[name] = error;
  }
  return errors;
}

/** Lua's arithmetic on `exp`: a number, or a string that reads as one; anything else raises. */
function luaNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    if (!Number.isNaN(n)) return n;
  }
  throw new LuaError(`attempt to perform arithmetic on a ${luaType(v)} value`);
}

/** check_maximum_expiration: exp must be there and at most `maximum` seconds away. */
export function checkMaximumExpiration(claims: unknown, maximum: number, now: number): ClaimErrors | null {
  if (maximum <= 0) return null;
  const exp = luaIndex(claims, 'exp');
  if (exp === undefined || luaNumber(exp) - now > maximum) return { exp: 'exceeds maximum allowed expiration' };
  return null;
}
