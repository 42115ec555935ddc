import stableStringify from 'fast-json-stable-stringify';
import type { EntityKind } from '../schema/entities.js';
import type { FlatEntity } from './flat-entity.js';
import { entityUuid } from './uuid-v5.js';

export interface IdContext {
  /** How often each content fingerprint was seen (keeps ids of identical anonymous entities apart). */
  seen: Map<string, number>;
}

/** Cache-key fields that Kong fills with a random value when absent: no stable id from them. */
const AUTO_FIELDS: Record<string, string[]> = {
  keyauth_credentials: ['key'],
  jwt_secrets: ['key'],
};

/**
 * The entity's id as Kong derives it (kong-format.md §1.6): explicit id, else
 * UUID v5 of its cache key, else of its endpoint key. Where Kong would pick a
 * random v4 id, gatewayd derives one from the entity's content instead, so
 * that the same file always gives the same ids and the same hash.
 */
export function deriveId(kind: EntityKind, value: Record<string, unknown>, parent: FlatEntity['parent'], ctx: IdContext): string {
  if (typeof value.id === 'string') return value.id.toLowerCase();
  const key = cacheKeyOf(kind, value, parent) ?? endpointKeyOf(kind, value);
  if (key !== undefined) return entityUuid(kind.key, key);
  return contentId(kind, value, parent, ctx);
}

function cacheKeyOf(kind: EntityKind, value: Record<string, unknown>, parent: FlatEntity['parent']): string | undefined {
  if (!kind.cacheKey) return undefined;
  const parts: string[] = [];
  for (const field of kind.cacheKey) {
    if (AUTO_FIELDS[kind.key]?.includes(field)) return undefined;
    if (parent?.field === field) parts.push(parent.id);
    else {
      const v = value[field];
      parts.push(typeof v === 'string' ? v : '');
    }
  }
  return `${kind.key}:*:${parts.join(':')}`;
}

function endpointKeyOf(kind: EntityKind, value: Record<string, unknown>): string | undefined {
  const v = kind.endpointKey ? value[kind.endpointKey] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function contentId(kind: EntityKind, value: Record<string, unknown>, parent: FlatEntity['parent'], ctx: IdContext): string {
  const fingerprint = `gatewayd:${parent?.id ?? ''}:${stableStringify(value)}`;
  const n = (ctx.seen.get(fingerprint) ?? 0) + 1;
  ctx.seen.set(fingerprint, n);
  return entityUuid(kind.key, n === 1 ? fingerprint : `${fingerprint}#${n}`);
}
