import { z } from 'zod';
import { fail, UUID_RE } from './typedefs.js';

export type ForeignKeyInput = string | { id?: string; name?: string; username?: string };

/** Object references without an id may name the target by its endpoint key, as decK writes them. */
const NAME_KEYS = ['name', 'username'] as const;

/**
 * A reference to another entity as written in a file: a string (the target's
 * endpoint key such as a name, or its id), `{ id: "<uuid>" }`, or decK's
 * `{ name: "<name>" }` (`{ username: ... }` for consumers). References are
 * resolved to ids after validation (normalize/references.ts).
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
      // Kong checks the primary key only (validate_primary_key(value, true)): other keys, such as
      // the `name` decK writes next to the id (`set: { id: ..., name: ... }`), are ignored.
      const id = (v as { id?: unknown }).id;
      if ((id === undefined || id === null) && NAME_KEYS.some((k) => typeof (v as Record<string, unknown>)[k] === 'string')) return;
      if (id === undefined || id === null) return fail(ctx, 'missing primary key', 'schema-required', ['id']);
      if (typeof id !== 'string' || !UUID_RE.test(id)) fail(ctx, 'expected a valid UUID', 'schema-pattern', ['id']);
    })
    .meta({ description: 'reference: the name (or id) of the entity, { id: <uuid> } or { name: <name> }' });
