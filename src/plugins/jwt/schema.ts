/** jwt config (kong/plugins/jwt/schema.lua). */
import { bool, conditionalFailed, dflt, fail, num, enumOf, opt, pluginConfig, req, setOf, str, type Obj, type z } from '../sdk.js';

/**
 * Kong's entity check: when `maximum_expiration` > 0, `claims_to_verify`
 * (if set) must contain `exp`.
 */
function checkMaximumExpiration(cfg: Obj, ctx: z.RefinementCtx): void {
  const max = cfg.maximum_expiration;
  const claims = cfg.claims_to_verify;
  if (max !== null && !(typeof max === 'number' && max > 0)) return;
  if (!Array.isArray(claims) || claims.includes('exp')) return;
  conditionalFailed(ctx, ['maximum_expiration']);
  fail(ctx, 'expected to contain: exp', 'schema-entity-check', ['claims_to_verify']);
}

export const configSchema = pluginConfig(
  {
    uri_param_names: dflt(setOf(str()), ['jwt']),
    cookie_names: dflt(setOf(str()), []),
    key_claim_name: dflt(str(), 'iss'),
    secret_is_base64: req(bool(), false),
    claims_to_verify: opt(setOf(enumOf(['exp', 'nbf']))),
    anonymous: opt(str()),
    run_on_preflight: req(bool(), true),
    maximum_expiration: dflt(num(0, 31536000), 0),
    header_names: dflt(setOf(str()), ['authorization']),
    realm: opt(str()),
  },
  { entityChecks: checkMaximumExpiration },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
