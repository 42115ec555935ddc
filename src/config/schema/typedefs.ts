/**
 * Kong's shared typedefs (kong/db/schema/typedefs.lua) as zod builders, each
 * failing with Kong's own message. Every entity and plugin schema is built
 * from these so that messages stay identical across the format.
 */
import { z } from 'zod';
import { isIP } from 'node:net';
import { fromZodIssues } from './zod-issues.js';

export const MSG = {
  required: 'required field missing',
  minLen: (n: number) => `length must be at least ${n}`,
  maxLen: (n: number) => `length must be at most ${n}`,
  between: (min: number, max: number) => `value should be between ${min} and ${max}`,
  oneOf: (values: readonly (string | number)[]) => `expected one of: ${values.join(', ')}`,
} as const;

/** Attach a stable issue code to a refinement issue (read back by zod-issues.ts). */
export function fail(ctx: z.RefinementCtx, message: string, code = 'schema-invalid', path: (string | number)[] = []): void {
  ctx.addIssue({ code: 'custom', message, params: { code }, path });
}

const onlyStrings = (p: { value: unknown }) => typeof p.value === 'string';

/** Non-empty string (Kong rejects empty strings unless len_min = 0). */
export const str = () =>
  // zod runs a length check on any input with a `length` (an array too): only strings here.
  z.string({ error: 'expected a string' }).min(1, { error: MSG.minLen(1), when: onlyStrings } as { error: string });
/** A string that may be empty. */
export const anyStr = () => z.string({ error: 'expected a string' });

export const bool = () => z.boolean({ error: 'expected a boolean' });

/**
 * Kong integers are Lua numbers without a fraction, not limited to
 * JavaScript's safe range (zod's `.int()` is): regex_priority 2^53 is valid.
 */
export const int = (min?: number, max?: number) => {
  let s = z
    .number({ error: 'expected a number' })
    .refine(Number.isInteger, { error: 'expected an integer', params: { code: 'schema-type' }, abort: true });
  if (min !== undefined && max !== undefined) {
    s = s.min(min, { error: MSG.between(min, max) }).max(max, { error: MSG.between(min, max) });
  } else if (min !== undefined) s = s.min(min, { error: `value must be greater than ${min - 1}` });
  return s.meta({ type: 'integer' } as never);
};

export const num = (min?: number, max?: number) => {
  let s = z.number({ error: 'expected a number' });
  if (min !== undefined && max !== undefined) {
    s = s.min(min, { error: MSG.between(min, max) }).max(max, { error: MSG.between(min, max) });
  }
  return s;
};

/** A number strictly greater than `n` (Kong's `gt`). */
export const numGt = (n: number) => z.number({ error: 'expected a number' }).gt(n, { error: `value must be greater than ${n}` });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: MSG.oneOf(values) });

export const intOneOf = (values: readonly number[]) =>
  int().refine((v) => values.includes(v), { error: MSG.oneOf(values) });

/** Kong `array`: kept as written. */
export const arrayOf = <T extends z.ZodType>(item: T) => z.array(item, { error: 'expected an array' });

/** Kong `set`: duplicates dropped, first occurrence kept. */
export const setOf = <T extends z.ZodType>(item: T, minItems = 0) =>
  z
    .array(item, { error: 'expected a set' })
    .min(minItems, { error: MSG.minLen(minItems) })
    .transform((xs) => [...new Set(xs)] as z.output<T>[]);

/** Kong `map`. */
export const mapOf = <V extends z.ZodType>(value: V, key: z.ZodType<string> = z.string()) =>
  z.record(key as z.ZodString, value, { error: 'expected a map' });

/** Kong `record`: a strict object; record fields are required and expand with their defaults. */
export const record = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, { error: 'expected a record' });

/** Optional field: missing → null, explicit null stays null. */
export const opt = <T extends z.ZodType>(s: T) => s.nullable().default(null);

/** A record field expanded with its defaults when missing (Kong: records are required by default). */
export const nested = <T extends z.ZodType>(s: T) => s.prefault({} as never);

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuid = () => z.string({ error: 'expected a string' }).regex(UUID_RE, { error: 'expected a valid UUID' });

const NAME_RE = /^(?:[A-Za-z0-9._~-]|[^\x00-\x7f])+$/;
/** utf8_name: ASCII alphanumerics and . - _ ~, plus any multibyte UTF-8. */
export const name = () =>
  str().superRefine((v, ctx) => {
    if (!NAME_RE.test(v)) {
      fail(ctx, `invalid value '${v}': the only accepted ascii characters are alphanumerics or ., -, _, and ~`, 'schema-pattern');
    }
  });

const TAG_RE = /^(?:[\x20-\x2b\x2d-\x2e\x30-\x7e]|[^\x00-\x7f])+$/;
export const tags = () =>
  opt(
    setOf(
      str().superRefine((t, ctx) => {
        if (!TAG_RE.test(t)) {
          fail(ctx, `invalid tag '${t}': expected printable ascii (except \`,\` and \`/\`) or valid utf-8 sequences`, 'schema-pattern');
        }
      }),
    ),
  );

export const port = () => int(0, 65535);
/** Kong's non-zero timeout used by services: 1..2^31-2 ms. */
export const timeoutMs = (def: number) => int(1, 2147483646).default(def);
export const timeout = () => int(0, 2147483646);

const HEADER_NAME_RE = /^[a-zA-Z0-9_-]+$/;
export const headerName = () =>
  str().superRefine((h, ctx) => {
    if (!HEADER_NAME_RE.test(h)) {
      fail(ctx, `bad header name '${h}', allowed characters are A-Z, a-z, 0-9, '_', and '-'`, 'schema-pattern');
    }
  });

export const PROTOCOLS = ['grpc', 'grpcs', 'http', 'https', 'tcp', 'tls', 'tls_passthrough', 'udp'] as const;
export const protocol = () => oneOf(PROTOCOLS);

const HOSTNAME_RE = /^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

export function isHostname(h: string): boolean {
  return HOSTNAME_RE.test(h);
}

/** Kong `host` typedef: hostname or IP, no port. */
export const host = () =>
  str().superRefine((h, ctx) => {
    const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
    if (isIP(bare)) return;
    if (/:\d+$/.test(h) && isHostname(h.replace(/:\d+$/, ''))) return fail(ctx, 'must not have a port', 'schema-pattern');
    if (!isHostname(h)) fail(ctx, `invalid value: ${h}`, 'schema-pattern');
  });

/** Kong `host_with_optional_port`. */
export const hostWithOptionalPort = () =>
  str().superRefine((h, ctx) => {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
    const bare = m?.[1]?.replace(/^\[|\]$/g, '') ?? h;
    if (isIP(bare) || (m && isHostname(bare) && (m[2] === undefined || Number(m[2]) <= 65535))) return;
    if (isIP(h)) return;
    fail(ctx, `invalid value: ${h}`, 'schema-pattern');
  });

const PCT_RE = /%(?![0-9A-Fa-f]{2})/;
const RFC3986_RE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

/** Kong `path` typedef (service path, health-check path). */
export const path = () =>
  str().superRefine((p, ctx) => {
    if (!p.startsWith('/')) return fail(ctx, 'should start with: /', 'schema-pattern');
    if (!RFC3986_RE.test(p)) {
      return fail(ctx, `invalid path: '${p}' (characters outside of the reserved list of RFC 3986 found)`, 'schema-pattern');
    }
    const bad = PCT_RE.exec(p);
    if (bad) return fail(ctx, `invalid url-encoded value: '${p.slice(bad.index, bad.index + 3)}'`, 'schema-pattern');
    if (p.includes('//')) fail(ctx, 'must not have empty segments', 'schema-pattern');
  });

/** Common auto fields every entity accepts. */
export const entityBase = {
  id: opt(uuid()),
  created_at: opt(int()),
  updated_at: z.unknown().optional(),
  tags: tags(),
  _comment: anyStr().optional(),
  _ignore: z.array(z.unknown(), { error: 'expected an array' }).optional(),
};

// ---- Kong typedefs used by plugin schemas (url, ip_or_cidr, sni, lua_code, queue) ----

/** Kong `between` message: the bounds are printed with Lua's `%d` (0.001 → 0). */
export const numBetween = (min: number, max: number) => {
  const msg = MSG.between(Math.trunc(min), Math.trunc(max));
  return z.number({ error: 'expected a number' }).min(min, { error: msg }).max(max, { error: msg });
};

/** Parse a URL the way LuaSocket's `url.parse` does (scheme, userinfo, host). */
export function parseLuaUrl(u: string): { scheme?: string; userinfo?: string; host?: string } {
  const out: { scheme?: string; userinfo?: string; host?: string } = {};
  let rest = u.replace(/^([A-Za-z0-9][A-Za-z0-9+\-.]*):/, (_, s: string) => ((out.scheme = s), ''));
  rest = rest.replace(/#[\s\S]*$/, '').replace(/\?[\s\S]*/, '').replace(/;[\s\S]*/, '');
  const auth = /^\/\/([^/]*)/.exec(rest)?.[1];
  if (auth === undefined) return out;
  let a = auth.replace(/^([^@]*)@/, (_, ui: string) => ((out.userinfo = ui), ''));
  a = a.replace(/:([^:\]]*)$/, '');
  if (a !== '') out.host = /^\[(.+)\]$/.exec(a)?.[1] ?? a;
  return out;
}

/** Kong `url` typedef. */
export const url = () =>
  str().superRefine((u, ctx) => {
    const parsed = parseLuaUrl(u);
    if (!parsed.host) return fail(ctx, 'missing host in url', 'schema-pattern');
    if (!parsed.scheme) fail(ctx, 'missing scheme in url', 'schema-pattern');
  });

/** Kong `ip_or_cidr` typedef. */
export const ipOrCidr = () =>
  str().superRefine((v, ctx) => {
    const [ip, bits, extra] = v.split('/');
    const family = isIP(ip);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
      fail(ctx, `invalid ip or cidr range: '${v}'`, 'schema-pattern');
    }
  });

/** Kong `sni` typedef: a hostname, not an IP, no port. */
export const sni = () =>
  str().superRefine((h, ctx) => {
    const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
    if (isIP(bare)) return fail(ctx, 'must not be an IP', 'schema-pattern');
    if (/:\d+$/.test(h) && isHostname(h.replace(/:\d+$/, ''))) return fail(ctx, 'must not have a port', 'schema-pattern');
    if (!isHostname(h)) fail(ctx, `invalid value: ${h}`, 'schema-pattern');
  });

/**
 * Kong `map`, with the key validated by its own typedef: a bad key is
 * reported on the map itself (as Kong does), a bad value under its key.
 */
export const kongMap = <V extends z.ZodType>(value: V, key: z.ZodType<string> = str()) =>
  z.record(z.string(), value, { error: 'expected a map' }).superRefine(
    (m, ctx) => {
      for (const k of Object.keys(m)) {
        const r = key.safeParse(k);
        if (r.success) continue;
        const first = fromZodIssues(r.error.issues, [])[0];
        return fail(ctx, first.message, first.code);
      }
    },
    { when: (p) => typeof p.value === 'object' && p.value !== null },
  );

/** Kong `lua_code` typedef (custom_fields_by_lua): non-empty keys and values. */
export const luaCode = () => kongMap(str());

/** Kong `queue` typedef (kong/tools/queue_schema.lua); `defaults` is the record's own default. */
export const queue = (defaults: Record<string, unknown> = {}) =>
  record({
    max_batch_size: int(1, 1000000).nullable().default(1),
    max_coalescing_delay: numBetween(0, 3600).nullable().default(1),
    max_entries: int(1, 1000000).nullable().default(10000),
    max_bytes: opt(int()),
    max_retry_time: num().nullable().default(60),
    initial_retry_delay: numBetween(0.001, 1000000).nullable().default(0.01),
    max_retry_delay: numBetween(0.001, 1000000).nullable().default(60),
    concurrency_limit: intOneOf([-1, 1]).nullable().default(1),
  }).prefault(defaults as never);

/**
 * A non-empty string with a Kong `custom_validator`: `validate` returns the
 * message of the problem, if any. As in Kong, the validator does not run on
 * an empty string (that is only `length must be at least 1`).
 */
export const customStr = (validate: (v: string) => string | undefined, code = 'schema-pattern') =>
  str().superRefine((v, ctx) => {
    if (v.length === 0) return;
    const problem = validate(v);
    if (problem !== undefined) fail(ctx, problem, code);
  });

/** Kong `one_of` on a string field, with Kong's type and missing-value messages first. */
export const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (iss) => {
      if (iss.input === undefined || iss.input === null) return MSG.required;
      return typeof iss.input === 'string' ? MSG.oneOf(values) : 'expected a string';
    },
  });
