import { z } from 'zod';
import type { EntityKind } from '../schema/entities.js';

const cache = new Map<EntityKind, z.ZodType>();

/** The zod schema of one entity's own fields (nested children are validated separately). */
export function entitySchema(kind: EntityKind): z.ZodType {
  let schema = cache.get(kind);
  if (!schema) {
    const object = z.strictObject(kind.fields, { error: 'expected a record' });
    schema = kind.check ? object.superRefine(kind.check as (v: unknown, ctx: z.RefinementCtx) => void) : object;
    cache.set(kind, schema);
  }
  return schema;
}
