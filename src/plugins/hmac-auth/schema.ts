/** hmac-auth config (kong/plugins/hmac-auth/schema.lua). */
import { arrayOf, bool, dflt, numGt, enumOf, opt, pluginConfig, req, str, type z } from '../sdk.js';

export const HMAC_ALGORITHMS = ['hmac-sha1', 'hmac-sha256', 'hmac-sha384', 'hmac-sha512'] as const;

export const configSchema = pluginConfig({
  hide_credentials: req(bool(), false),
  clock_skew: dflt(numGt(0), 300),
  anonymous: opt(str()),
  validate_request_body: req(bool(), false),
  enforce_headers: dflt(arrayOf(str()), []),
  algorithms: dflt(arrayOf(enumOf(HMAC_ALGORITHMS)), [...HMAC_ALGORITHMS]),
  realm: opt(str()),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
