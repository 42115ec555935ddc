import { createHash, randomUUID } from 'node:crypto';

/** Kong's namespace for declarative ids (kong/db/declarative/import.lua). */
export const KONG_NAMESPACE = 'fd02801f-0957-4a15-a55a-c8d9606f30b5';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function formatUuid(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return formatUuid(bytes);
}

const namespaces = new Map<string, string>();

/** The id Kong derives for `key` within entity table `entity`. */
export function entityUuid(entity: string, key: string): string {
  let ns = namespaces.get(entity);
  if (!ns) namespaces.set(entity, (ns = uuidV5(KONG_NAMESPACE, entity)));
  return uuidV5(ns, key);
}

export { randomUUID };
