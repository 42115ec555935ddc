/**
 * Kong's `shorthand_fields` for plugin configs, applied before validation
 * (Schema:process_auto_fields):
 * - a shorthand is checked against its own typedef; a bad value, or (for
 *   shorthands deprecated with `replaced_with`) a value that differs from a
 *   non-null value of the field it replaces, is reported on the shorthand and
 *   stops the validation of that config, as in Kong;
 * - a deprecated shorthand loses to the real field: it only fills a target
 *   that is missing or null.
 */
import { z } from 'zod';
import { getPath, isObj, type Obj } from './checks.js';

export interface Shorthand {
  name: string;
  /** The shorthand's own typedef. */
  type: z.ZodType;
  /** Where its value goes, e.g. `['redis', 'host']`. */
  target: readonly string[];
  /** Kong `deprecation.replaced_with`: reject a value differing from the real field's. */
  checkMismatch: boolean;
}

/**
 * Optional keys for the strict config record, so that the shorthands are
 * known to the JSON Schema; valid values never reach them (they are moved
 * before validation).
 */
export function shorthandSlots(list: readonly Shorthand[]): Record<string, z.ZodType> {
  const slots: Record<string, z.ZodType> = {};
  for (const s of list) {
    slots[s.name] = s.type.nullable().optional().meta({ deprecated: true, description: `deprecated: use ${s.target.join('.')}` });
  }
  return slots;
}

/** Apply the shorthands of `input` (a copy is returned; `input` is not modified). */
export function applyShorthands(list: readonly Shorthand[], input: Obj, ctx: z.RefinementCtx): Obj {
  const out: Obj = { ...input };
  for (const s of list) {
    const value = out[s.name];
    if (value === undefined) continue;
    const parsed = s.type.nullable().safeParse(value, { reportInput: true });
    if (!parsed.success) {
      for (const iss of parsed.error.issues) ctx.addIssue({ ...iss, path: [s.name, ...iss.path] } as never);
      continue;
    }
    if (s.checkMismatch && mismatch(s, value, input, ctx)) continue;
    delete out[s.name];
    fillTarget(out, s.target, parsed.data);
  }
  return out;
}

function mismatch(s: Shorthand, value: unknown, input: Obj, ctx: z.RefinementCtx): boolean {
  const current = getPath(input, s.target);
  if (value === null || current === undefined || current === null || sameValue(current, value)) return false;
  ctx.addIssue({
    code: 'custom',
    path: [s.name],
    params: { code: 'schema-deprecated-mismatch' },
    message:
      'both deprecated and new field are used but their values mismatch: ' +
      `${s.name} = ${String(value)} vs ${s.target.join('.')} = ${String(current)}`,
  });
  return true;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Put `value` at `target` unless a non-null value is already there (copying the records on the way). */
function fillTarget(out: Obj, target: readonly string[], value: unknown): void {
  let holder = out;
  for (const key of target.slice(0, -1)) {
    const next = holder[key];
    if (next !== undefined && next !== null && !isObj(next)) return; // the field reports its own type error
    holder = holder[key] = { ...(next ?? {}) };
  }
  const last = target[target.length - 1];
  if (holder[last] === undefined || holder[last] === null) holder[last] = value;
}
