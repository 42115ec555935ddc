import type { IssuePath } from '../issues.js';
import type { EntityKey, EntityKind } from '../schema/entities.js';

/** One entity after validation, flattened out of its nesting, with where it was written. */
export interface FlatEntity {
  kind: EntityKind;
  /** Validated fields; `id` set; foreign keys still as written until resolved. */
  value: Record<string, unknown>;
  file: string;
  path: IssuePath;
  /** The id was not written in the file but derived (kong-format.md §1.6). */
  idDerived?: boolean;
  /** Set when the entity was nested in another one. */
  parent?: { key: EntityKey; id: string; field: string; explicit?: unknown };
}

export function entityLabel(e: FlatEntity): { type: string; name?: string; id?: string } {
  const key = e.kind.endpointKey;
  const name = key ? e.value[key] : undefined;
  return {
    type: e.kind.singular,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof e.value.id === 'string' ? { id: e.value.id } : {}),
  };
}
