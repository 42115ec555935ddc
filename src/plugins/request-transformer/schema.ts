/**
 * request-transformer config (kong/plugins/request-transformer/schema.lua).
 * Values may be `$(...)` templates; they are not checked here.
 */
import { arrayOf, colonEntry, headerPair, nested, opt, pluginConfig, record, req, str, z } from '../sdk.js';

const list = (element: z.ZodType<string>) => req(arrayOf(element), [] as string[]);

const names = () => record({
  body: list(str()),
  headers: list(headerPair({ colon: false, valueIsHeader: false })),
  querystring: list(str()),
});

const renames = () => record({
  body: list(colonEntry()),
  headers: list(headerPair({ colon: true, valueIsHeader: true })),
  querystring: list(colonEntry()),
});

const values = () => ({
  body: list(colonEntry()),
  headers: list(headerPair({ colon: true, valueIsHeader: false })),
  querystring: list(colonEntry()),
});

/** Kong `http_method` typedef: upper-case letters only. */
const httpMethod = () => str().regex(/^[A-Z]+$/, { error: (iss) => `invalid value: ${String(iss.input)}` });

export const configSchema = pluginConfig({
  http_method: opt(httpMethod()),
  remove: nested(names()),
  rename: nested(renames()),
  replace: nested(record({ ...values(), uri: opt(str()) })),
  add: nested(record(values())),
  append: nested(record(values())),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
