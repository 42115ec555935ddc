/**
 * Field builders for plugin configs, following Kong's field rules
 * (kong-format.md §1.4): a field with a default gets it when missing; an
 * explicit null stays null unless the field is `required`, in which case it
 * is `required field missing`.
 */
import { z } from 'zod';
import { checkRegexSyntax } from '../../config/schema/regex-syntax.js';
import { fail, str } from '../../config/schema/typedefs.js';

const clone = <T>(v: T): T => (typeof v === 'object' && v !== null ? structuredClone(v) : v);

/** Not required, with a default: missing → default, null → null. */
export const dflt = <T extends z.ZodType>(s: T, value: z.input<T>) => s.nullable().default(() => clone(value) as never);

/** Required, with a default: missing → default, null → `required field missing`. */
export const req = <T extends z.ZodType>(s: T, value: z.input<T>) => s.default(() => clone(value) as never);

/**
 * Kong `is_regex` for a regex gatewayd runs on V8: an invalid one fails with
 * `message(value)`, a PCRE-only construct with that message plus the reason.
 */
export function failBadRegex(ctx: z.RefinementCtx, re: string, message: (v: string) => string): void {
  const problem = checkRegexSyntax(re);
  if (!problem) return;
  if (problem.code === 'route-regex-invalid') return fail(ctx, message(re), 'schema-pattern');
  const reason = problem.message.slice(`invalid regex: '${re}'`.length);
  fail(ctx, `${message(re)}${reason}`, 'schema-regex-unsupported');
}

/** A string that must be a regex (see `failBadRegex`). */
export const regexString = (message: (v: string) => string) =>
  str().superRefine((re, ctx) => failBadRegex(ctx, re, message));

/** Lua's `%.1f`, used by the rate-limiting messages. */
export const luaFloat1 = (n: number): string => n.toFixed(1);
