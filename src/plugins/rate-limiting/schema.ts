/**
 * rate-limiting config (kong/plugins/rate-limiting/schema.lua), as in DB-less
 * mode (policy `local` or `redis`). The deprecated `redis_<x>` shorthands
 * are moved into `redis.<x>` before validation (REDIS_SHORTHANDS).
 */
import {
  atLeastOneOf, bool, checkRedisRequired, conditionalRequired, dflt, fail, headerName, num, numGt, enumOf, opt,
  path, periodFields, periodsOrderProblem, pluginConfig, PERIODS, redisRecord, REDIS_SHORTHANDS, req, str, type Obj, type z,
} from '../sdk.js';

const SYNC_RATE_REALTIME = -1;

function entityChecks(cfg: Obj, ctx: z.RefinementCtx): void {
  atLeastOneOf(ctx, cfg, PERIODS, 'config.');
  checkRedisRequired(ctx, cfg);
  conditionalRequired(ctx, cfg, ['limit_by'], (v) => v === 'header', ['header_name']);
  conditionalRequired(ctx, cfg, ['limit_by'], (v) => v === 'path', ['path']);
}

/** The config record's custom_validator: window order, then `sync_rate`. */
function validate(cfg: Obj, ctx: z.RefinementCtx): void {
  const order = periodsOrderProblem(cfg, 'The');
  if (order) return fail(ctx, order, 'schema-invalid');
  if (cfg.policy !== 'redis' && cfg.sync_rate !== SYNC_RATE_REALTIME) {
    return fail(ctx, 'sync_rate can only be used with the redis policy', 'schema-invalid');
  }
  if (cfg.policy === 'redis' && cfg.sync_rate !== SYNC_RATE_REALTIME && (cfg.sync_rate as number) < 0.02) {
    fail(ctx, 'sync_rate must be greater than 0.02, or -1 to disable', 'schema-invalid');
  }
}

export const configSchema = pluginConfig(
  {
    ...periodFields(),
    limit_by: dflt(enumOf(['consumer', 'credential', 'ip', 'service', 'header', 'path']), 'consumer'),
    header_name: opt(headerName()),
    path: opt(path()),
    policy: dflt(enumOf(['local', 'redis']), 'local'),
    fault_tolerant: req(bool(), true),
    redis: redisRecord(),
    hide_client_headers: req(bool(), false),
    error_code: dflt(numGt(0), 429),
    error_message: dflt(str(), 'API rate limit exceeded'),
    sync_rate: req(num(), SYNC_RATE_REALTIME),
  },
  { shorthands: REDIS_SHORTHANDS, validate, entityChecks },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
