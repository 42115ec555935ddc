import { ENTITY_KINDS, type EntityKey } from '../schema/entities.js';
import type { FlatEntity } from './flat-entity.js';

const META_FIELDS = new Set(['_comment', '_ignore', 'updated_at']);

export type NormalizedEntity = Record<string, unknown> & { id: string };

/** The normalized configuration: flat arrays of entities, ids set, references resolved to ids. */
export type NormalizedEntities = { [K in EntityKey]: NormalizedEntity[] };

export function assembleEntities(entities: readonly FlatEntity[]): NormalizedEntities {
  const out = Object.fromEntries(ENTITY_KINDS.map((k) => [k.key, [] as NormalizedEntity[]])) as unknown as NormalizedEntities;
  for (const e of entities) out[e.kind.key].push(withoutMeta(e.value) as NormalizedEntity);
  return out;
}

/** The entity without its meta fields (copied only when it has some: most do not). */
function withoutMeta(value: Record<string, unknown>): Record<string, unknown> {
  if (!('_comment' in value || '_ignore' in value || 'updated_at' in value)) return value;
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!META_FIELDS.has(k)) clean[k] = v;
  return clean;
}

/** Where each entity was written: entity id → file and path (for issues found after loading). */
export function entityOrigins(entities: readonly FlatEntity[]): Map<string, { file: string; path: (string | number)[] }> {
  return new Map(entities.map((e) => [`${e.kind.key}:${String(e.value.id)}`, { file: e.file, path: e.path }]));
}
