/**
 * Kong's shared Redis record (kong/tools/redis/schema.lua), its deprecated
 * `redis_*` shorthands, and the checks rate-limiting plugins put on it.
 */
import type { z } from 'zod';
import { anyStr, bool, host, int, nested, opt, port, record, sni, str, timeout } from '../../config/schema/typedefs.js';
import { conditionalRequired, type Obj } from './checks.js';
import { dflt } from './fields.js';
import type { Shorthand } from './shorthands.js';

export const redisRecord = () =>
  nested(
    record({
      host: opt(host()),
      port: dflt(port(), 6379),
      timeout: dflt(timeout(), 2000),
      username: opt(str()),
      password: opt(anyStr()),
      database: dflt(int(), 0),
      ssl: dflt(bool(), false),
      ssl_verify: dflt(bool(), false),
      server_name: opt(sni()),
    }),
  );

const shorthand = (key: string, type: z.ZodType): Shorthand => ({
  name: `redis_${key}`, type, target: ['redis', key], checkMismatch: true,
});

/** `config.redis_<x>` → `config.redis.<x>` (deprecated, to be removed in Kong 4.0). */
export const REDIS_SHORTHANDS: readonly Shorthand[] = [
  shorthand('host', str()),
  shorthand('port', int()),
  shorthand('password', anyStr()),
  shorthand('username', str()),
  shorthand('ssl', bool()),
  shorthand('ssl_verify', bool()),
  shorthand('server_name', str()),
  shorthand('timeout', int()),
  shorthand('database', int()),
];

/** policy `redis` needs `redis.host`, `redis.port` and `redis.timeout`. */
export function checkRedisRequired(ctx: z.RefinementCtx, cfg: Obj): void {
  for (const key of ['host', 'port', 'timeout']) {
    conditionalRequired(ctx, cfg, ['policy'], (p) => p === 'redis', ['redis', key]);
  }
}
