import type { z } from 'zod';
import { createHash } from 'node:crypto';
import { customStr, entityBase, fail, opt, str } from './typedefs.js';
import { certificateCount, loadCertificate } from './pem.js';

/** Kong `typedefs.certificate` (not referenceable here). */
const caCert = () =>
  customStr((v) => {
    const cert = loadCertificate(v);
    return typeof cert === 'string' ? `invalid certificate: ${cert}` : undefined;
  }, 'schema-invalid');

/** Kong `ca_certificates` entity. */
export const caCertificateFields = {
  ...entityBase,
  cert: caCert(),
  cert_digest: opt(str()),
};

/**
 * Kong's entity check: one certificate only, not expired, a CA. `now` is
 * the current time in ms (for tests).
 */
export function checkCaCertificate(c: { cert: string }, ctx: z.RefinementCtx, now = Date.now()): void {
  if (certificateCount(c.cert) > 1) return fail(ctx, 'please submit only one certificate at a time', 'schema-entity-check');
  const cert = loadCertificate(c.cert);
  if (typeof cert === 'string') return;
  if (Date.parse(cert.validTo) < now) {
    return fail(ctx, 'certificate expired, "Not After" time is in the past', 'schema-entity-check');
  }
  if (!cert.ca) {
    fail(ctx, 'certificate does not appear to be a CA because it is missing the "CA" basic constraint', 'schema-entity-check');
  }
}

/**
 * Kong's `cert_digest` transformation: hex SHA-256 of the certificate's DER
 * form. The loader sets it (when `_transform` is true) before the uniqueness
 * check; undefined when the certificate does not load.
 */
export function caCertificateDigest(pem: string): string | undefined {
  const cert = loadCertificate(pem);
  return typeof cert === 'string' ? undefined : createHash('sha256').update(cert.raw).digest('hex');
}
