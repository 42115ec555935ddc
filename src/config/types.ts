/**
 * Types of the normalized configuration, derived from the zod schemas
 * (never written by hand beside them). After normalization every entity has
 * an id and every foreign key is the referenced entity's id (or null).
 */
import { z } from 'zod';
import { serviceFields } from './schema/service.js';
import { routeFields } from './schema/route.js';
import { consumerFields } from './schema/consumer.js';
import { pluginFields } from './schema/plugin.js';
import {
  keyauthCredentialFields, basicauthCredentialFields, hmacauthCredentialFields, jwtSecretFields, aclFields,
} from './schema/credentials.js';

type Meta = '_comment' | '_ignore' | 'updated_at';
type Normalized<T, FK extends keyof T> = Omit<T, Meta | FK | 'id'> & { id: string } & { [K in FK]: string | null };

const serviceObject = z.strictObject(serviceFields);
const routeObject = z.strictObject(routeFields);
const consumerObject = z.strictObject(consumerFields);
const pluginObject = z.strictObject(pluginFields);

export type NormalizedService = Normalized<z.output<typeof serviceObject>, 'client_certificate'>;
export type NormalizedRoute = Normalized<Omit<z.output<typeof routeObject>, 'strip_path'>, 'service'> & {
  strip_path: boolean;
};
export type NormalizedConsumer = Normalized<z.output<typeof consumerObject>, never>;
export type NormalizedPlugin = Normalized<Omit<z.output<typeof pluginObject>, 'config' | 'protocols'>, 'route' | 'service' | 'consumer'> & {
  config: Record<string, unknown>;
  protocols: string[];
};

type Credential<T extends { consumer: unknown }> = Normalized<T, 'consumer'> & { consumer: string };

export type NormalizedKeyauthCredential = Credential<z.output<ReturnType<typeof z.strictObject<typeof keyauthCredentialFields>>>>;
export type NormalizedBasicauthCredential = Credential<z.output<ReturnType<typeof z.strictObject<typeof basicauthCredentialFields>>>>;
export type NormalizedHmacauthCredential = Credential<z.output<ReturnType<typeof z.strictObject<typeof hmacauthCredentialFields>>>>;
export type NormalizedJwtSecret = Credential<z.output<ReturnType<typeof z.strictObject<typeof jwtSecretFields>>>>;
export type NormalizedAcl = Credential<z.output<ReturnType<typeof z.strictObject<typeof aclFields>>>>;
