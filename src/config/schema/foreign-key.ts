import { z } from 'zod';
import { fail, UUID_RE } from './typedefs.js';

export type ForeignKeyInput = string | { id: string };

/**
 * A reference to another entity as written in a file: a string (the target's
 * endpoint key such as a name, or its id) or `{ id: "<uuid>" }`. References
 * are resolved to ids after validation (normalize/references.ts).
 */
export const foreignKey = () =>
  z
    .custom<ForeignKeyInput>(() => true)
    .superRefine((v, ctx) => {
      if (typeof v === 'string') {
        if (v.length === 0) fail(ctx, 'length must be at least 1', 'schema-length');
        return;
      }
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(ctx, 'expected a string', 'schema-type');
      const keys = Object.keys(v);
      const id = (v as { id?: unknown }).id;
      for (const k of keys) if (k !== 'id') fail(ctx, 'unknown field', 'schema-unknown-field', [k]);
      if (id === undefined || id === null) return fail(ctx, 'missing primary key', 'schema-required', ['id']);
      if (typeof id !== 'string' || !UUID_RE.test(id)) fail(ctx, 'expected a valid UUID', 'schema-pattern', ['id']);
    })
    .meta({ description: 'reference: the name (or id) of the entity, or { id: <uuid> }' });
