/** acl config (kong/plugins/acl/schema.lua). */
import { arrayOf, atLeastOneOf, bool, onlyOneOf, opt, pluginConfig, req, str, type z } from '../sdk.js';

export const configSchema = pluginConfig(
  {
    allow: opt(arrayOf(str())),
    deny: opt(arrayOf(str())),
    hide_groups_header: req(bool(), false),
    always_use_authenticated_groups: req(bool(), false),
  },
  {
    entityChecks: (cfg, ctx) => {
      onlyOneOf(ctx, cfg, ['allow', 'deny'], 'config.');
      atLeastOneOf(ctx, cfg, ['allow', 'deny'], 'config.');
    },
  },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
