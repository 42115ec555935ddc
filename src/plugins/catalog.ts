/**
 * The plugins gatewayd knows: the ones it implements (their config schemas,
 * Kong priorities, protocols and scoping rules) and the names of the Kong
 * plugins it does not implement, to say so clearly.
 */
import type { z } from 'zod';
import { PROTOCOLS } from '../config/schema/typedefs.js';
import { configSchema as acl } from './acl/schema.js';
import { configSchema as basicAuth } from './basic-auth/schema.js';
import { configSchema as botDetection } from './bot-detection/schema.js';
import { configSchema as correlationId } from './correlation-id/schema.js';
import { configSchema as cors } from './cors/schema.js';
import { configSchema as fileLog } from './file-log/schema.js';
import { configSchema as hmacAuth } from './hmac-auth/schema.js';
import { configSchema as httpLog } from './http-log/schema.js';
import { configSchema as ipRestriction } from './ip-restriction/schema.js';
import { configSchema as jwt } from './jwt/schema.js';
import { configSchema as keyAuth } from './key-auth/schema.js';
import { configSchema as opentelemetry } from './opentelemetry/schema.js';
import { configSchema as prometheus } from './prometheus/schema.js';
import { configSchema as proxyCache } from './proxy-cache/schema.js';
import { configSchema as rateLimiting } from './rate-limiting/schema.js';
import { configSchema as requestSizeLimiting } from './request-size-limiting/schema.js';
import { configSchema as requestTermination } from './request-termination/schema.js';
import { configSchema as requestTransformer } from './request-transformer/schema.js';
import { configSchema as responseRatelimiting } from './response-ratelimiting/schema.js';
import { configSchema as responseTransformer } from './response-transformer/schema.js';
import { KONG_BUNDLED_UNSUPPORTED, KONG_ENTERPRISE_PLUGINS } from './kong-plugin-names.js';

export { KONG_BUNDLED_UNSUPPORTED, KONG_ENTERPRISE_PLUGINS };

export interface PluginSchemaDef {
  name: string;
  /** Kong's handler PRIORITY: higher runs first. */
  priority: number;
  configSchema: z.ZodType;
  /** `protocols` when the plugin entity does not set it. */
  defaultProtocols: readonly string[];
  /** What `protocols` may contain. */
  allowedProtocols: readonly string[];
  /** Kong `typedefs.no_consumer` / `no_route` / `no_service`. */
  noConsumer: boolean;
  noRoute: boolean;
  noService: boolean;
}

/** Kong `typedefs.protocols_http` (sorted, as Kong lists them). */
const HTTP = ['grpc', 'grpcs', 'http', 'https'] as const;

interface Entry {
  schema: z.ZodType;
  priority: number;
  /** `http`: protocols_http; `all`: typedefs.protocols (any protocol, http set by default). */
  protocols?: 'http' | 'all';
  defaults?: readonly string[];
  noConsumer?: boolean;
}

const ENTRIES: Record<string, Entry> = {
  'correlation-id': { schema: correlationId, priority: 100001 },
  'bot-detection': { schema: botDetection, priority: 2500, noConsumer: true },
  cors: { schema: cors, priority: 2000, noConsumer: true },
  jwt: { schema: jwt, priority: 1450, noConsumer: true },
  'key-auth': { schema: keyAuth, priority: 1250, noConsumer: true },
  'basic-auth': { schema: basicAuth, priority: 1100, noConsumer: true },
  'hmac-auth': { schema: hmacAuth, priority: 1030, noConsumer: true },
  'ip-restriction': {
    schema: ipRestriction, priority: 990, protocols: 'all', defaults: ['http', 'https', 'tcp', 'tls', 'grpc', 'grpcs'],
  },
  'request-size-limiting': { schema: requestSizeLimiting, priority: 951 },
  acl: { schema: acl, priority: 950, noConsumer: true },
  'rate-limiting': { schema: rateLimiting, priority: 910 },
  'response-ratelimiting': { schema: responseRatelimiting, priority: 900 },
  'request-transformer': { schema: requestTransformer, priority: 801 },
  'response-transformer': { schema: responseTransformer, priority: 800 },
  'proxy-cache': { schema: proxyCache, priority: 100, protocols: 'all' },
  opentelemetry: { schema: opentelemetry, priority: 14 },
  prometheus: { schema: prometheus, priority: 13, protocols: 'all' },
  'http-log': { schema: httpLog, priority: 12, protocols: 'all' },
  'file-log': { schema: fileLog, priority: 9, protocols: 'all' },
  'request-termination': { schema: requestTermination, priority: 2 },
};

function toDef(name: string, e: Entry): PluginSchemaDef {
  return {
    name,
    priority: e.priority,
    configSchema: e.schema,
    defaultProtocols: e.defaults ?? HTTP,
    allowedProtocols: e.protocols === 'all' ? PROTOCOLS : HTTP,
    noConsumer: e.noConsumer ?? false,
    noRoute: false,
    noService: false,
  };
}

/** The plugins gatewayd implements, by name. */
export const PLUGIN_SCHEMAS: ReadonlyMap<string, PluginSchemaDef> = new Map(
  Object.entries(ENTRIES).map(([name, e]) => [name, toDef(name, e)]),
);

/** Why a plugin name cannot be used, or undefined if gatewayd implements it. */
export function pluginNameProblem(name: string): string | undefined {
  if (PLUGIN_SCHEMAS.has(name)) return undefined;
  if (KONG_BUNDLED_UNSUPPORTED.has(name)) return `plugin '${name}' is not supported by gatewayd`;
  if (KONG_ENTERPRISE_PLUGINS.has(name)) return `plugin '${name}' is a Kong Enterprise plugin, which gatewayd does not support`;
  return `plugin '${name}' not enabled; add it to the 'plugins' configuration property`;
}
