/**
 * Kong's shared typedefs (kong/db/schema/typedefs.lua) as zod builders, each
 * failing with Kong's own message. Every entity and plugin schema is built
 * from these so that messages stay identical across the format.
 */
import { z } from 'zod';
import { isIP } from 'node:net';

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

/** Non-empty string (Kong rejects empty strings unless len_min = 0). */
export const str = () => z.string({ error: 'expected a string' }).min(1, { error: MSG.minLen(1) });
/** A string that may be empty. */
export const anyStr = () => z.string({ error: 'expected a string' });

export const bool = () => z.boolean({ error: 'expected a boolean' });

export const int = (min?: number, max?: number) => {
  let s = z.number({ error: 'expected a number' }).int({ error: 'expected an integer' });
  if (min !== undefined && max !== undefined) {
    s = s.min(min, { error: MSG.between(min, max) }).max(max, { error: MSG.between(min, max) });
  } else if (min !== undefined) s = s.min(min, { error: `value must be greater than ${min - 1}` });
  return s;
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
