/**
 * response-ratelimiting config (kong/plugins/response-ratelimiting/schema.lua),
 * as in DB-less mode. The deprecated `redis_<x>` shorthands are moved into
 * `redis.<x>` before validation (REDIS_SHORTHANDS).
 */
import {
  atLeastOneOf, bool, checkRedisRequired, dflt, fail, isObj, kongMap, enumOf, periodFields, periodsOrderProblem,
  pluginConfig, PERIODS, record, redisRecord, REDIS_SHORTHANDS, req, str, type z,
} from '../sdk.js';

/** One named limit: at least one window, in ascending order. */
const limit = () =>
  record(periodFields())
    .superRefine((l, ctx) => {
      const order = periodsOrderProblem(l, 'the');
      if (order) fail(ctx, order, 'schema-invalid');
    })
    .superRefine((l, ctx) => atLeastOneOf(ctx, l, PERIODS), { when: (p) => isObj(p.value) });

const limits = () =>
  kongMap(limit()).superRefine((m, ctx) => {
    if (Object.keys(m).length < 1) fail(ctx, 'length must be at least 1', 'schema-length');
  });

export const configSchema = pluginConfig(
  {
    header_name: dflt(str(), 'x-kong-limit'),
    limit_by: dflt(enumOf(['consumer', 'credential', 'ip']), 'consumer'),
    policy: dflt(enumOf(['local', 'redis']), 'local'),
    fault_tolerant: req(bool(), true),
    redis: redisRecord(),
    block_on_first_violation: req(bool(), false),
    hide_client_headers: req(bool(), false),
    limits: limits(),
  },
  { shorthands: REDIS_SHORTHANDS, entityChecks: (cfg, ctx) => checkRedisRequired(ctx, cfg) },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
