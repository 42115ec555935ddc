/** basic-auth config (kong/plugins/basic-auth/schema.lua). */
import { bool, opt, pluginConfig, req, str, type z } from '../sdk.js';

export const configSchema = pluginConfig({
  anonymous: opt(str()),
  hide_credentials: req(bool(), false),
  realm: req(str(), 'service'),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
