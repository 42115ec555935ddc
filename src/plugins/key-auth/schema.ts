/** key-auth config (kong/plugins/key-auth/schema.lua). */
import { arrayOf, bool, headerName, opt, pluginConfig, req, str, type z } from '../sdk.js';

export const configSchema = pluginConfig({
  key_names: req(arrayOf(headerName()), ['apikey']),
  hide_credentials: req(bool(), false),
  anonymous: opt(str()),
  key_in_header: req(bool(), true),
  key_in_query: req(bool(), true),
  key_in_body: req(bool(), false),
  run_on_preflight: req(bool(), true),
  realm: opt(str()),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
