import { createHash } from 'node:crypto';
import type { NormalizedConfig } from '../../config/load.js';
import type {
  NormalizedConsumer, NormalizedKeyauthCredential, NormalizedBasicauthCredential, NormalizedHmacauthCredential,
  NormalizedJwtSecret, NormalizedAcl,
} from '../../config/types.js';
import type { Consumer, ConsumerDirectory } from '../../plugins/sdk.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Kong's stored basic-auth password: hex SHA-1 of password + consumer id (_transform: true). */
export function basicauthHash(password: string, consumerId: string): string {
  return createHash('sha1').update(password + consumerId).digest('hex');
}

/** Index consumers and credentials once per Snapshot: every lookup on the request path is one Map get. */
export function buildConsumerDirectory(config: NormalizedConfig): ConsumerDirectory {
  const consumers = new Map<string, Consumer>();
  const byUsername = new Map<string, Consumer>();
  for (const raw of config.consumers) {
    const c = Object.freeze(raw as unknown as NormalizedConsumer);
    consumers.set(c.id, c);
    if (c.username !== null) byUsername.set(c.username, c);
  }
  const owner = (id: string) => consumers.get(id)!;
  const index = <T extends { consumer: string }, R>(list: unknown[], keyOf: (c: T) => string | null, make: (c: T) => R) => {
    const out = new Map<string, R>();
    for (const raw of list) {
      const c = raw as T;
      const key = keyOf(c);
      if (key !== null && consumers.has(c.consumer)) out.set(key, make(c));
    }
    return out;
  };
  const keyauth = index<NormalizedKeyauthCredential, ReturnType<ConsumerDirectory['keyauth']> & object>(
    config.keyauth_credentials, (c) => c.key, (c) => Object.freeze({ ...c, consumerRecord: owner(c.consumer) }));
  const transform = config._transform;
  const basicauth = index<NormalizedBasicauthCredential, ReturnType<ConsumerDirectory['basicauth']> & object>(
    config.basicauth_credentials, (c) => c.username,
    (c) => Object.freeze({ ...c, consumerRecord: owner(c.consumer), passwordHash: transform ? basicauthHash(c.password, c.consumer) : c.password }));
  const hmacauth = index<NormalizedHmacauthCredential, ReturnType<ConsumerDirectory['hmacauth']> & object>(
    config.hmacauth_credentials, (c) => c.username, (c) => Object.freeze({ ...c, consumerRecord: owner(c.consumer) }));
  const jwt = index<NormalizedJwtSecret, ReturnType<ConsumerDirectory['jwt']> & object>(
    config.jwt_secrets, (c) => c.key, (c) => Object.freeze({ ...c, consumerRecord: owner(c.consumer) }));
  const groups = new Map<string, string[]>();
  for (const raw of config.acls) {
    const a = raw as unknown as NormalizedAcl;
    const list = groups.get(a.consumer) ?? [];
    list.push(a.group);
    groups.set(a.consumer, list);
  }
  return Object.freeze({
    byId: (id: string) => consumers.get(id),
    anonymous: (ref: string) => (UUID.test(ref) ? consumers.get(ref.toLowerCase()) : byUsername.get(ref)),
    keyauth: (key: string) => keyauth.get(key),
    basicauth: (username: string) => basicauth.get(username),
    hmacauth: (username: string) => hmacauth.get(username),
    jwt: (key: string) => jwt.get(key),
    groups: (consumerId: string) => groups.get(consumerId) ?? [],
  });
}
