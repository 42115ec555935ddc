/** ip-restriction config (kong/plugins/ip-restriction/schema.lua). */
import { arrayOf, atLeastOneOf, ipOrCidr, num, opt, pluginConfig, str, type z } from '../sdk.js';

export const configSchema = pluginConfig(
  {
    allow: opt(arrayOf(ipOrCidr())),
    deny: opt(arrayOf(ipOrCidr())),
    status: opt(num()),
    message: opt(str()),
  },
  { entityChecks: (cfg, ctx) => atLeastOneOf(ctx, cfg, ['allow', 'deny'], 'config.') },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
