/** request-size-limiting config (kong/plugins/request-size-limiting/schema.lua). */
import { bool, int, enumOf, pluginConfig, req, type z } from '../sdk.js';

export const configSchema = pluginConfig({
  allowed_payload_size: req(int(), 128),
  size_unit: req(enumOf(['megabytes', 'kilobytes', 'bytes']), 'megabytes'),
  require_content_length: req(bool(), false),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
