/**
 * The `config` record of a plugin, the way Kong validates it:
 * 1. shorthands (and any documented `prepare` rewrite) are applied to the input;
 * 2. the fields are validated and expanded with their defaults (strict record);
 * 3. the record's `custom_validator` (`validate`) runs on a valid config only;
 * 4. the entity checks run on the expanded config even when a field is invalid.
 */
import { z } from 'zod';
import { record } from '../../config/schema/typedefs.js';
import { isObj, onObject, type Obj } from './checks.js';
import { applyShorthands, shorthandSlots, type Shorthand } from './shorthands.js';

export interface PluginConfigOptions<O> {
  /** Kong `shorthand_fields`. */
  shorthands?: readonly Shorthand[];
  /** Another rewrite of the input before validation (documented by the plugin). */
  prepare?: (input: Obj) => Obj;
  /** The config record's `custom_validator`: only on a valid config, errors on `config`. */
  validate?: (cfg: O, ctx: z.RefinementCtx) => void;
  /** Entity checks (plugin-level or the record's own): errors on `config` unless given a path. */
  entityChecks?: (cfg: Obj, ctx: z.RefinementCtx) => void;
}

type Strict<S extends z.ZodRawShape> = z.ZodObject<S, z.core.$strict>;

export function pluginConfig<S extends z.ZodRawShape>(shape: S, opts: PluginConfigOptions<z.output<Strict<S>>> = {}) {
  const shorthands = opts.shorthands ?? [];
  let inner = record({ ...shape, ...shorthandSlots(shorthands) } as S);
  const { validate, entityChecks } = opts;
  if (validate) inner = inner.superRefine((cfg, ctx) => validate(cfg, ctx));
  if (entityChecks) inner = inner.superRefine((cfg, ctx) => entityChecks(cfg as Obj, ctx), onObject);
  return z.preprocess((input: unknown, ctx) => {
    if (input === undefined) input = {};
    if (!isObj(input)) return input;
    const out = applyShorthands(shorthands, input, ctx);
    return opts.prepare ? opts.prepare(out) : out;
  }, inner);
}
