/** bot-detection config (kong/plugins/bot-detection/schema.lua). */
import { arrayOf, dflt, pluginConfig, regexString, type z } from '../sdk.js';

const regexList = () => dflt(arrayOf(regexString((v) => `not a valid regex: ${v}`)), []);

export const configSchema = pluginConfig({
  allow: regexList(),
  deny: regexList(),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
