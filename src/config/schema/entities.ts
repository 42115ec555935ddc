import type { z } from 'zod';
import { checkService, serviceFields } from './service.js';
import { checkRoute, routeFields, type RouteShape } from './route.js';
import { checkConsumer, consumerFields } from './consumer.js';
import { pluginFields } from './plugin.js';

/** Top-level (plural) entity keys gatewayd accepts. */
export type EntityKey =
  | 'services' | 'routes' | 'consumers' | 'plugins' | 'upstreams' | 'targets' | 'certificates' | 'snis'
  | 'ca_certificates' | 'vaults' | 'keys' | 'key_sets'
  | 'keyauth_credentials' | 'basicauth_credentials' | 'hmacauth_credentials' | 'jwt_secrets' | 'acls';

/**
 * Everything the loader needs to know about one entity kind, from Kong's
 * schema: its fields, entity check, endpoint key (what a string reference
 * matches), unique fields, foreign keys, nesting and id derivation.
 */
export interface EntityKind {
  key: EntityKey;
  /** Kong's singular name, used in messages and flattened errors. */
  singular: string;
  fields: z.ZodRawShape;
  check?: (value: never, ctx: z.RefinementCtx) => void;
  /** Field a string reference is matched against before the id. */
  endpointKey?: string;
  /** Fields unique across the whole file (besides id). */
  unique: string[];
  /** foreign-key field → referenced entity key. */
  foreignKeys: Record<string, EntityKey>;
  /** foreign keys that must be set (implied when nested). */
  requiredForeignKeys?: string[];
  /** Children that may be nested in this entity: child key → the child's FK to us. */
  children: Partial<Record<EntityKey, string>>;
  /** Kong's cache_key fields, used to derive the id (kong-format.md §1.6). */
  cacheKey?: string[];
}

export const ENTITY_KINDS: readonly EntityKind[] = [
  {
    key: 'services', singular: 'service', fields: serviceFields, check: checkService as EntityKind['check'],
    endpointKey: 'name', unique: ['name'], foreignKeys: { client_certificate: 'certificates' },
    children: { routes: 'service', plugins: 'service' },
  },
  {
    key: 'routes', singular: 'route', fields: routeFields, check: checkRoute as (r: RouteShape, ctx: z.RefinementCtx) => void as EntityKind['check'],
    endpointKey: 'name', unique: ['name'], foreignKeys: { service: 'services' },
    children: { plugins: 'route' },
  },
  {
    key: 'consumers', singular: 'consumer', fields: consumerFields, check: checkConsumer as EntityKind['check'],
    endpointKey: 'username', unique: ['username', 'custom_id'], foreignKeys: {},
    children: {
      plugins: 'consumer', keyauth_credentials: 'consumer', basicauth_credentials: 'consumer',
      hmacauth_credentials: 'consumer', jwt_secrets: 'consumer', acls: 'consumer',
    },
  },
  {
    key: 'plugins', singular: 'plugin', fields: pluginFields,
    endpointKey: 'instance_name', unique: ['instance_name'],
    foreignKeys: { route: 'routes', service: 'services', consumer: 'consumers' },
    children: {}, cacheKey: ['name', 'route', 'service', 'consumer'],
  },
];

export function entityKind(key: string): EntityKind | undefined {
  return ENTITY_KINDS.find((k) => k.key === key);
}
