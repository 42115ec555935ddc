import { z } from 'zod';
import { customStr, entityBase, fail, num, opt, record, str } from './typedefs.js';
import { fromZodIssues } from './zod-issues.js';

/** Vault types installed in gatewayd (Kong CE bundles `env` only). */
export const VAULT_NAMES = ['env'] as const;

/** Vault types of Kong Enterprise: refused as unsupported rather than unknown. */
const ENTERPRISE_VAULTS = new Set(['aws', 'azure', 'gcp', 'hcv', 'conjur', 'konnect']);

const PREFIX_RE = /^[a-z][a-z0-9-]*[a-z0-9]$/;
const ENV_PREFIX_RE = /^[A-Za-z_-][A-Za-z0-9_-]*$/;

const ttl = () => opt(num(0, 100000000));

/** `config` of the `env` vault: `prefix` is prepended to the (upper-cased) resource name. */
export const envVaultConfig = record({
  prefix: opt(customStr((p) => (ENV_PREFIX_RE.test(p) ? undefined : `invalid value: ${p}`))),
  ttl: ttl(),
  neg_ttl: ttl(),
  resurrect_ttl: ttl(),
});

/**
 * Kong `vaults` entity. `name` selects the vault type (its subschema); as in
 * Kong, when it is not an installed type only that is reported, so `prefix`
 * reservations and `config` are checked in checkVault for known types.
 */
export const vaultFields = {
  ...entityBase,
  prefix: customStr((p) => (PREFIX_RE.test(p) ? undefined : `invalid value: ${p}`)),
  name: str().superRefine((n, ctx) => {
    if ((VAULT_NAMES as readonly string[]).includes(n)) return;
    if (ENTERPRISE_VAULTS.has(n)) fail(ctx, `vault '${n}' is not installed (a Kong Enterprise vault, which gatewayd does not support)`, 'unsupported-feature');
    else fail(ctx, `vault '${n}' is not installed`, 'vault-unknown');
  }),
  description: opt(str()),
  config: opt(z.record(z.string(), z.unknown(), { error: 'expected a record' })),
};

export interface VaultShape {
  prefix: string;
  name: string;
  config: Record<string, unknown> | null;
}

/** Prefix may not name a vault type; `config` must match the type's schema. */
export function checkVault(v: VaultShape, ctx: z.RefinementCtx): void {
  if (v.name !== 'env') return;
  if ((VAULT_NAMES as readonly string[]).includes(v.prefix)) {
    fail(ctx, `expected none of: ${VAULT_NAMES.join(', ')}`, 'schema-enum', ['prefix']);
  }
  if (v.config === null) return;
  const result = envVaultConfig.safeParse(v.config, { reportInput: true });
  if (result.success) return;
  for (const i of fromZodIssues(result.error.issues, ['config'])) fail(ctx, i.message, i.code, i.path);
}
