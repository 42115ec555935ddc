/** response-transformer config (kong/plugins/response-transformer/schema.lua). */
import { arrayOf, colonString, headerPair, nested, enumOf, pluginConfig, record, req, str, z } from '../sdk.js';

const list = (element: z.ZodType<string>) => req(arrayOf(element), [] as string[]);

const values = () =>
  record({
    json: list(colonString()),
    json_types: list(enumOf(['boolean', 'number', 'string'])),
    headers: list(headerPair({ colon: true, valueIsHeader: false })),
  });

export const configSchema = pluginConfig({
  remove: nested(record({ json: list(str()), headers: list(headerPair({ colon: false, valueIsHeader: false })) })),
  rename: nested(record({ json: list(colonString()), headers: list(headerPair({ colon: true, valueIsHeader: true })) })),
  replace: nested(values()),
  add: nested(values()),
  append: nested(values()),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
