/** request-termination config (kong/plugins/request-termination/schema.lua). */
import { bool, fail, headerName, int, opt, pluginConfig, req, str, type Obj, type z } from '../sdk.js';

const isPresent = (v: unknown): boolean => typeof v === 'string' && v.length > 0;

/** The config record's custom_validator. */
function validate(cfg: Obj, ctx: z.RefinementCtx): void {
  const hasBody = isPresent(cfg.content_type) || isPresent(cfg.body);
  if (isPresent(cfg.message) && hasBody) return fail(ctx, 'message cannot be used with content_type or body', 'schema-invalid');
  if (isPresent(cfg.content_type) && !isPresent(cfg.body)) return fail(ctx, 'content_type requires a body', 'schema-invalid');
  if (cfg.echo === true && hasBody) fail(ctx, 'echo cannot be used with content_type and body', 'schema-invalid');
}

export const configSchema = pluginConfig(
  {
    status_code: req(int(100, 599), 503),
    message: opt(str()),
    content_type: opt(str()),
    body: opt(str()),
    echo: req(bool(), false),
    trigger: opt(headerName()),
  },
  { validate },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
