import { createHash, randomUUID, type Hash } from 'node:crypto';

/** Kong's namespace for declarative ids (kong/db/declarative/import.lua). */
export const KONG_NAMESPACE = 'fd02801f-0957-4a15-a55a-c8d9606f30b5';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function formatUuid(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function fromHash(hash: Hash, name: string): string {
  const bytes = hash.update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return formatUuid(bytes);
}

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(namespace: string, name: string): string {
  return fromHash(createHash('sha1').update(uuidBytes(namespace)), name);
}

/** Per entity table: a SHA-1 state that has already absorbed the table's namespace (copied per id). */
const seeded = new Map<string, Hash>();

/** The id Kong derives for `key` within entity table `entity`. */
export function entityUuid(entity: string, key: string): string {
  let seed = seeded.get(entity);
  if (!seed) seeded.set(entity, (seed = createHash('sha1').update(uuidBytes(uuidV5(KONG_NAMESPACE, entity)))));
  return fromHash(seed.copy(), key);
}

export { randomUUID };
