import type { NormalizedConfig } from '../../config/load.js';
import { ENTITY_KINDS, type EntityKey } from '../../config/schema/entities.js';

/** Entity collections the admin API lists, and the field a string in the URL matches besides the id. */
export const LISTED: Partial<Record<string, { key: EntityKey; byName?: string }>> = {
  services: { key: 'services', byName: 'name' },
  routes: { key: 'routes', byName: 'name' },
  upstreams: { key: 'upstreams', byName: 'name' },
  targets: { key: 'targets' },
  consumers: { key: 'consumers', byName: 'username' },
  plugins: { key: 'plugins', byName: 'instance_name' },
  certificates: { key: 'certificates' },
  snis: { key: 'snis', byName: 'name' },
  ca_certificates: { key: 'ca_certificates' },
  vaults: { key: 'vaults', byName: 'prefix' },
};

/** Kong's admin shape: foreign keys as `{ "id": ... }` objects. */
export function kongView(key: EntityKey, entity: Record<string, unknown>): Record<string, unknown> {
  const kind = ENTITY_KINDS.find((k) => k.key === key);
  if (!kind) return entity;
  const out: Record<string, unknown> = { ...entity };
  for (const field of Object.keys(kind.foreignKeys)) {
    const v = entity[field];
    out[field] = typeof v === 'string' ? { id: v } : null;
  }
  return out;
}

export function listEntities(config: NormalizedConfig, key: EntityKey): { data: Record<string, unknown>[]; next: null } {
  return { data: config[key].map((e) => kongView(key, e)), next: null };
}

export function findEntity(config: NormalizedConfig, key: EntityKey, idOrName: string, byName?: string): Record<string, unknown> | undefined {
  const list = config[key];
  const hit = list.find((e) => e.id === idOrName) ?? (byName ? list.find((e) => e[byName] === idOrName) : undefined);
  return hit ? kongView(key, hit) : undefined;
}
