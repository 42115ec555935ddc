/**
 * Kong's generic entity checks (kong/db/schema/init.lua `entity_checkers`),
 * each reporting Kong's own message. Values are the entity as parsed by zod;
 * null, undefined and empty strings count as "not set", as in Kong.
 */
import type { z } from 'zod';
import { fail, MSG } from './typedefs.js';

type Entity = Record<string, unknown>;

const quoted = (fields: readonly string[]) => fields.map((f) => `'${f}'`).join(', ');

export function isSet(v: unknown): boolean {
  return v !== null && v !== undefined && v !== '';
}

/** `mutually_required`: all or none of the fields set. */
export function checkMutuallyRequired(e: Entity, fields: readonly string[], ctx: z.RefinementCtx): void {
  const n = fields.filter((f) => isSet(e[f])).length;
  if (n !== 0 && n !== fields.length) {
    fail(ctx, `all or none of these fields must be set: ${quoted(fields)}`, 'schema-entity-check');
  }
}

/** `mutually_exclusive`: at most one of the fields set. */
export function checkMutuallyExclusive(e: Entity, fields: readonly string[], ctx: z.RefinementCtx): void {
  if (fields.filter((f) => isSet(e[f])).length > 1) {
    fail(ctx, `only one or none of these fields must be set: ${quoted(fields)}`, 'schema-entity-check');
  }
}

/** `at_least_one_of`. */
export function checkAtLeastOneOf(e: Entity, fields: readonly string[], ctx: z.RefinementCtx): void {
  if (!fields.some((f) => isSet(e[f]))) {
    fail(ctx, `at least one of these fields must be non-empty: ${quoted(fields)}`, 'schema-entity-check');
  }
}

/** `distinct`: the set values of the fields differ. */
export function checkDistinct(e: Entity, fields: readonly string[], ctx: z.RefinementCtx): void {
  const values = fields.map((f) => e[f]).filter(isSet);
  if (new Set(values).size !== values.length) {
    fail(ctx, `values of these fields must be distinct: ${quoted(fields)}`, 'schema-entity-check');
  }
}

/** What a `conditional` check demands of its `then_field`. */
export type ThenMatch = { required: true } | { oneOf: readonly string[] };

/**
 * `conditional`: when `ifField` has one of `ifValues`, `thenField` must match.
 * A failure reports the entity message and the field's own message.
 */
export function checkConditional(
  e: Entity, ifField: string, ifValues: readonly string[], thenField: string, then: ThenMatch, ctx: z.RefinementCtx,
): void {
  if (!ifValues.includes(e[ifField] as string)) return;
  const v = e[thenField];
  let problem: [string, string] | undefined;
  if ('required' in then) {
    if (v === null || v === undefined) problem = [MSG.required, 'schema-required'];
  } else if (isSet(v) && !then.oneOf.includes(v as string)) {
    problem = [MSG.oneOf(then.oneOf), 'schema-enum'];
  }
  if (!problem) return;
  fail(ctx, `failed conditional validation given value of field '${ifField}'`, 'schema-entity-check');
  fail(ctx, problem[0], problem[1], [thenField]);
}
