import type { z } from 'zod';
import { checkService, serviceFields } from './service.js';
import { checkRoute, routeFields, type RouteShape } from './route.js';
import { checkConsumer, consumerFields } from './consumer.js';
import { pluginFields } from './plugin.js';
import { checkUpstream, upstreamFields } from './upstream.js';
import { targetFields } from './target.js';
import { certificateFields, checkCertificate } from './certificate.js';
import { sniFields } from './sni.js';
import { caCertificateFields, checkCaCertificate } from './ca-certificate.js';
import { checkVault, vaultFields } from './vault.js';
import { checkKey, keyFields } from './key.js';
import { keySetFields } from './key-set.js';
import {
  aclFields, basicauthCredentialFields, checkJwtSecret, hmacauthCredentialFields, jwtSecretFields, keyauthCredentialFields,
} from './credentials.js';

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

const consumerCredential = (
  key: EntityKey, singular: string, fields: z.ZodRawShape, endpointKey: string | undefined, cacheKey: string[],
  check?: EntityKind['check'],
): EntityKind => ({
  key, singular, fields, check, endpointKey, unique: endpointKey ? [endpointKey] : [],
  foreignKeys: { consumer: 'consumers' }, requiredForeignKeys: ['consumer'], children: {}, cacheKey,
});

/** Credentials of the auth plugins: endpoint key = their unique field, consumer required. */
const CREDENTIAL_KINDS: EntityKind[] = [
  consumerCredential('keyauth_credentials', 'keyauth_credential', keyauthCredentialFields, 'key', ['key']),
  consumerCredential('basicauth_credentials', 'basicauth_credential', basicauthCredentialFields, 'username', ['username']),
  consumerCredential('hmacauth_credentials', 'hmacauth_credential', hmacauthCredentialFields, 'username', ['username']),
  consumerCredential('jwt_secrets', 'jwt_secret', jwtSecretFields, 'key', ['key'], checkJwtSecret as EntityKind['check']),
  consumerCredential('acls', 'acl', aclFields, undefined, ['consumer', 'group']),
];

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
  {
    key: 'upstreams', singular: 'upstream', fields: upstreamFields, check: checkUpstream as EntityKind['check'],
    endpointKey: 'name', unique: ['name'], foreignKeys: { client_certificate: 'certificates' },
    children: { targets: 'upstream' },
  },
  {
    // `target` is Kong's endpoint key but it is not unique: never used for lookups.
    key: 'targets', singular: 'target', fields: targetFields,
    unique: [], foreignKeys: { upstream: 'upstreams' }, requiredForeignKeys: ['upstream'],
    children: {}, cacheKey: ['upstream', 'target'],
  },
  {
    // No endpoint key: certificates are referenced by id only.
    key: 'certificates', singular: 'certificate', fields: certificateFields, check: checkCertificate as EntityKind['check'],
    unique: [], foreignKeys: {},
    children: { snis: 'certificate', services: 'client_certificate', upstreams: 'client_certificate' },
  },
  {
    key: 'snis', singular: 'sni', fields: sniFields,
    endpointKey: 'name', unique: ['name'], foreignKeys: { certificate: 'certificates' }, requiredForeignKeys: ['certificate'],
    children: {},
  },
  {
    key: 'ca_certificates', singular: 'ca_certificate', fields: caCertificateFields,
    check: checkCaCertificate as EntityKind['check'],
    unique: ['cert_digest'], foreignKeys: {}, children: {},
  },
  {
    key: 'vaults', singular: 'vault', fields: vaultFields, check: checkVault as EntityKind['check'],
    endpointKey: 'prefix', unique: ['prefix'], foreignKeys: {}, children: {}, cacheKey: ['prefix'],
  },
  {
    key: 'keys', singular: 'key', fields: keyFields, check: checkKey as EntityKind['check'],
    endpointKey: 'name', unique: ['name'], foreignKeys: { set: 'key_sets' }, children: {}, cacheKey: ['kid', 'set'],
  },
  {
    key: 'key_sets', singular: 'key_set', fields: keySetFields,
    endpointKey: 'name', unique: ['name'], foreignKeys: {}, children: { keys: 'set' },
  },
  ...CREDENTIAL_KINDS,
];

export function entityKind(key: string): EntityKind | undefined {
  return ENTITY_KINDS.find((k) => k.key === key);
}
