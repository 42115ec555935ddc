/** cors config (kong/plugins/cors/schema.lua). */
import { arrayOf, bool, dflt, failBadRegex, num, enumOf, opt, pluginConfig, req, str, type z } from '../sdk.js';

export const CORS_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'] as const;

/** Each origin is `*` or a regex (`'<v>' is not a valid regex`). */
const origin = () =>
  str().superRefine((v, ctx) => {
    if (v !== '*') failBadRegex(ctx, v, (re) => `'${re}' is not a valid regex`);
  });

export const configSchema = pluginConfig({
  origins: opt(arrayOf(origin())),
  headers: opt(arrayOf(str())),
  exposed_headers: opt(arrayOf(str())),
  methods: dflt(arrayOf(enumOf(CORS_METHODS)), [...CORS_METHODS]),
  max_age: opt(num()),
  credentials: req(bool(), false),
  private_network: req(bool(), false),
  preflight_continue: req(bool(), false),
  allow_origin_absent: req(bool(), true),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
