/** prometheus config (kong/plugins/prometheus/schema.lua). */
import { bool, dflt, pluginConfig, type z } from '../sdk.js';

const flag = () => dflt(bool(), false);

export const configSchema = pluginConfig({
  per_consumer: flag(),
  status_code_metrics: flag(),
  ai_metrics: flag(),
  latency_metrics: flag(),
  bandwidth_metrics: flag(),
  upstream_health_metrics: flag(),
  wasm_metrics: flag(),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
