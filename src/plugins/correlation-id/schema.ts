/** correlation-id config (kong/plugins/correlation-id/schema.lua). */
import { bool, dflt, enumOf, pluginConfig, req, str, type z } from '../sdk.js';

export const configSchema = pluginConfig({
  header_name: dflt(str(), 'Kong-Request-ID'),
  generator: req(enumOf(['uuid', 'uuid#counter', 'tracker']), 'uuid#counter'),
  echo_downstream: req(bool(), false),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
