/**
 * Kong's entity checks (kong/db/schema/init.lua), for plugin configs. Kong
 * reports plugin-level checks (`config.x` field names) under `@entity`;
 * gatewayd reports them on `config` itself. They run even when some field
 * is invalid, as in Kong (see `onObject`).
 */
import type { z } from 'zod';
import { fail } from '../../config/schema/typedefs.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** superRefine option: run on any object value, even after field errors. */
export const onObject = { when: (p: { value: unknown }) => isObj(p.value) };

/** Kong `is_nonempty`: not null, not an empty table, not an empty string. */
export function isNonEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

export const quoted = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');

export function getPath(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const k of path) cur = isObj(cur) ? cur[k] : undefined;
  return cur;
}

/** `at_least_one_of`; `prefix` is `config.` for plugin-level checks. */
export function atLeastOneOf(ctx: z.RefinementCtx, cfg: Obj, fields: readonly string[], prefix = ''): void {
  if (fields.some((f) => isNonEmpty(cfg[f]))) return;
  fail(ctx, `at least one of these fields must be non-empty: ${quoted(fields.map((f) => prefix + f))}`, 'schema-entity-check');
}

/** `only_one_of`. */
export function onlyOneOf(ctx: z.RefinementCtx, cfg: Obj, fields: readonly string[], prefix = ''): void {
  if (fields.filter((f) => isNonEmpty(cfg[f])).length === 1) return;
  fail(ctx, `exactly one of these fields must be non-empty: ${quoted(fields.map((f) => prefix + f))}`, 'schema-entity-check');
}

/**
 * `conditional` with `then_match = { required = true }`: when `ifPath`
 * matches, `thenPath` must be set. Gives Kong's two errors.
 */
export function conditionalRequired(
  ctx: z.RefinementCtx, cfg: Obj, ifPath: readonly string[], matches: (v: unknown) => boolean, thenPath: readonly string[],
): void {
  if (!matches(getPath(cfg, ifPath))) return;
  const v = getPath(cfg, thenPath);
  if (v !== undefined && v !== null) return;
  conditionalFailed(ctx, ifPath);
  fail(ctx, 'required field missing', 'schema-required', [...thenPath]);
}

/** The `@entity` half of a failed `conditional` check. */
export function conditionalFailed(ctx: z.RefinementCtx, ifPath: readonly string[]): void {
  fail(ctx, `failed conditional validation given value of field '${['config', ...ifPath].join('.')}'`, 'schema-entity-check');
}
