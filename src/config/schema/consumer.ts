import type { z } from 'zod';
import { entityBase, fail, opt, str } from './typedefs.js';

/** Kong `consumers` entity. */
export const consumerFields = {
  ...entityBase,
  username: opt(str()),
  custom_id: opt(str()),
};

export function checkConsumer(c: { username: string | null; custom_id: string | null }, ctx: z.RefinementCtx): void {
  if (c.username === null && c.custom_id === null) {
    fail(ctx, "at least one of these fields must be non-empty: 'custom_id', 'username'", 'schema-entity-check');
  }
}
