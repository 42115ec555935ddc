/**
 * http-log config (kong/plugins/http-log/schema.lua). The deprecated
 * `retry_count`, `queue_size` and `flush_timeout` stay fields as in Kong;
 * `queue_size` and `flush_timeout` still override `queue.max_batch_size` and
 * `queue.max_coalescing_delay` (see `prepare`), as they do in Kong at run time.
 */
import {
  dflt, enumOf, fail, headerName, int, kongMap, legacyQueueParams, luaCode, num, numBetween, opt, parseLuaUrl,
  pluginConfig, queue, str, url, type Obj, type z,
} from '../sdk.js';

const FORBIDDEN_HEADERS: [RegExp, string][] = [
  [/^[Hh][Oo][Ss][Tt]$/, 'Host'],
  // Kong's pattern only matches a lower-case `n` in "Length".
  [/^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Ll][Ee]n[Gg][Tt][Hh]$/, 'Content-Length'],
  [/^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee]$/, 'Content-Type'],
];

/** Header names for `headers`: not Host, Content-Length or Content-Type. */
const headerKey = () =>
  str().superRefine((h, ctx) => {
    const forbidden = FORBIDDEN_HEADERS.find(([re]) => re.test(h));
    if (forbidden) return fail(ctx, `cannot contain '${forbidden[1]}' header`, 'schema-pattern');
    const r = headerName().safeParse(h);
    if (!r.success) fail(ctx, r.error.issues[0].message, 'schema-pattern');
  });

/** Moves the legacy batching fields into `queue`. */
export function prepare(input: Obj): Obj {
  return legacyQueueParams(input, [
    { from: 'queue_size', to: 'max_batch_size', oldDefault: 1, type: int(1, 1000000) },
    { from: 'flush_timeout', to: 'max_coalescing_delay', oldDefault: 2, type: numBetween(0, 3600) },
  ]);
}

/** The config record's custom_validator: no userinfo together with an Authorization header. */
function validate(cfg: Obj, ctx: z.RefinementCtx): void {
  const { userinfo } = parseLuaUrl(String(cfg.http_endpoint));
  const headers = (cfg.headers ?? {}) as Obj;
  if (userinfo !== undefined && Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
    fail(ctx, "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed", 'schema-invalid');
  }
}

export const configSchema = pluginConfig(
  {
    http_endpoint: url(),
    method: dflt(enumOf(['POST', 'PUT', 'PATCH']), 'POST'),
    content_type: dflt(enumOf(['application/json', 'application/json; charset=utf-8']), 'application/json'),
    timeout: dflt(num(), 10000),
    keepalive: dflt(num(), 60000),
    retry_count: opt(int()),
    queue_size: opt(int()),
    flush_timeout: opt(num()),
    headers: opt(kongMap(str(), headerKey())),
    queue: queue(),
    custom_fields_by_lua: opt(luaCode()),
  },
  { prepare, validate },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
