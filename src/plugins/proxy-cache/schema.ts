/**
 * proxy-cache config (kong/plugins/proxy-cache/schema.lua). Open-source Kong
 * has one strategy, `memory`.
 */
import { arrayOf, bool, dflt, enumOf, fail, int, nested, opt, pluginConfig, record, req, str, type z } from '../sdk.js';

const responseCodes = () =>
  arrayOf(int(100, 900)).superRefine((codes, ctx) => {
    if (codes.length < 1) fail(ctx, 'length must be at least 1', 'schema-length');
  });

export const configSchema = pluginConfig({
  response_code: req(responseCodes(), [200, 301, 404]),
  request_method: req(arrayOf(enumOf(['HEAD', 'GET', 'POST', 'PATCH', 'PUT'])), ['GET', 'HEAD']),
  content_type: req(arrayOf(str()), ['text/plain', 'application/json']),
  cache_ttl: dflt(int().refine((v) => v > 0, { error: 'value must be greater than 0' }), 300),
  strategy: enumOf(['memory']),
  cache_control: req(bool(), false),
  ignore_uri_case: dflt(bool(), false),
  storage_ttl: opt(int()),
  memory: nested(record({ dictionary_name: req(str(), 'kong_db_cache') })),
  vary_query_params: opt(arrayOf(str())),
  vary_headers: opt(arrayOf(str())),
  response_headers: nested(
    record({
      age: dflt(bool(), true),
      'X-Cache-Status': dflt(bool(), true),
      'X-Cache-Key': dflt(bool(), true),
    }),
  ),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
