/**
 * Loading certificates and keys with node:crypto, as Kong does with
 * lua-resty-openssl (`x509.new`, `pkey.new`). Loaders return the object or
 * the OpenSSL message, prefixed like Kong's (`x509.new: ...`).
 */
import { createPrivateKey, createPublicKey, X509Certificate, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Kong `kong.vault.is_reference`: `{vault://...}`. Such values are resolved later and not checked here. */
export function isVaultReference(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('{vault://') && v.endsWith('}');
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The first certificate of a PEM (or DER) string. */
export function loadCertificate(pem: string): X509Certificate | string {
  try {
    return new X509Certificate(pem);
  } catch (e) {
    return `x509.new: ${message(e)}`;
  }
}

export function loadPrivateKey(pem: string): KeyObject | string {
  try {
    return createPrivateKey(pem);
  } catch (e) {
    return `pkey.new:load_key: ${message(e)}`;
  }
}

/** A public key, or the public half of a private key (Kong `pkey.new` accepts both). */
export function loadAnyKeyAsPublic(pem: string): KeyObject | string {
  try {
    return createPublicKey(pem);
  } catch (e) {
    return `pkey.new:load_key: ${message(e)}`;
  }
}

/** A PEM that holds a public key only (Kong `pkey.new(pem, { type = "pu" })`). */
export function loadPublicKeyOnly(pem: string): KeyObject | undefined {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return undefined;
  try {
    return createPublicKey(pem);
  } catch {
    return undefined;
  }
}

export function loadJwk(jwk: JsonWebKey): KeyObject | undefined {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** Whether two keys (public or private) share the same public key. */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  const spki = (k: KeyObject) => (k.type === 'private' ? createPublicKey(k) : k).export({ type: 'spki', format: 'der' });
  return spki(a).equals(spki(b));
}

/** Number of certificates in a PEM bundle (Kong counts `-----BEGIN CERTIFICATE-----`). */
export function certificateCount(pem: string): number {
  return pem.split('-----BEGIN CERTIFICATE-----').length - 1;
}
