/**
 * What plugin code may import: zod, Kong's typedef builders, and the helpers
 * that give plugin configs Kong's defaults, checks and shorthands.
 */
export { z } from 'zod';
export * from '../config/schema/typedefs.js';
export { dflt, req, regexString, failBadRegex, luaFloat1 } from './schema-kit/fields.js';
export {
  isObj, isNonEmpty, quoted, getPath, atLeastOneOf, onlyOneOf, conditionalRequired, conditionalFailed, type Obj,
} from './schema-kit/checks.js';
export { type Shorthand } from './schema-kit/shorthands.js';
export { pluginConfig, type PluginConfigOptions } from './schema-kit/config.js';
export { redisRecord, REDIS_SHORTHANDS, checkRedisRequired } from './schema-kit/redis.js';
export { PERIODS, periodFields, periodsOrderProblem } from './schema-kit/periods.js';
export { legacyQueueParams } from './schema-kit/legacy-queue.js';
export { headerPair, colonEntry, colonString, splitEntry } from './schema-kit/transformer-entries.js';
export type {
  LocalReply, HeaderPairs, Consumer, KeyauthCredential, BasicauthCredential, HmacauthCredential, JwtSecret, ConsumerDirectory,
  PluginRequest, UpstreamRequest, AuthenticatedCredential, PluginContext, ResponseHeaders, AccessResult, PluginHandlers, PluginDefinition,
  RequestOutcome,
} from './sdk/handler-types.js';
export { definePlugin } from './sdk/handler-types.js';
