import type { z } from 'zod';
import type { X509Certificate } from 'node:crypto';
import { customStr, entityBase, fail, opt } from './typedefs.js';
import { isVaultReference, loadCertificate, loadPrivateKey } from './pem.js';
import { checkMutuallyRequired } from './entity-checks.js';

/** Kong `typedefs.certificate`, referenceable: a PEM certificate or a `{vault://...}` reference. */
export const certificatePem = () =>
  customStr((v) => {
    const cert = isVaultReference(v) ? undefined : loadCertificate(v);
    return typeof cert === 'string' ? `invalid certificate: ${cert}` : undefined;
  }, 'schema-invalid');

/** Kong `typedefs.key`, referenceable: a PEM private key or a `{vault://...}` reference. */
export const keyPem = () =>
  customStr((v) => {
    const key = isVaultReference(v) ? undefined : loadPrivateKey(v);
    return typeof key === 'string' ? `invalid key: ${key}` : undefined;
  }, 'schema-invalid');

/** Kong `certificates` entity. */
export const certificateFields = {
  ...entityBase,
  cert: certificatePem(),
  key: keyPem(),
  cert_alt: opt(certificatePem()),
  key_alt: opt(keyPem()),
};

export interface CertificateShape {
  cert: string;
  key: string;
  cert_alt: string | null;
  key_alt: string | null;
}

/** A certificate that can be checked now: loaded, not a vault reference. */
function loaded(cert: string | null): X509Certificate | undefined {
  if (cert === null || isVaultReference(cert)) return undefined;
  const c = loadCertificate(cert);
  return typeof c === 'string' ? undefined : c;
}

/** false when both load and do not match; undefined when they cannot be compared here. */
function pairMatches(cert: X509Certificate | undefined, key: string | null): boolean | undefined {
  if (!cert || key === null || isVaultReference(key)) return undefined;
  const k = loadPrivateKey(key);
  return typeof k === 'string' ? undefined : cert.checkPrivateKey(k);
}

/**
 * Kong's entity checks: `cert_alt`/`key_alt` all or none; each pair must
 * match; `cert` and `cert_alt` must hold different key types (RSA vs ECDSA).
 * Pairs holding a vault reference are checked once resolved, not here.
 */
export function checkCertificate(c: CertificateShape, ctx: z.RefinementCtx): void {
  checkMutuallyRequired(c as unknown as Record<string, unknown>, ['cert_alt', 'key_alt'], ctx);
  const main = loaded(c.cert);
  const alt = loaded(c.cert_alt);
  if (pairMatches(main, c.key) === false) fail(ctx, 'certificate does not match key', 'schema-entity-check');
  if (pairMatches(alt, c.key_alt) === false) fail(ctx, 'alternative certificate does not match key', 'schema-entity-check');
  if (main && alt && main.publicKey.asymmetricKeyType === alt.publicKey.asymmetricKeyType) {
    fail(
      ctx,
      'certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), the provided certificates were both of the same type',
      'schema-entity-check',
    );
  }
}
