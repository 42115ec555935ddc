/**
 * The plugins gatewayd can run: an explicit list (no registration by side
 * effect). A configured plugin whose name is not here makes `start` refuse
 * the configuration (lint warns: plugin-not-implemented).
 */
import type { PluginDefinition } from './sdk.js';
import { jwt } from './jwt/handler.js';
import { hmacAuth } from './hmac-auth/handler.js';
import { acl } from './acl/handler.js';
import { keyAuth } from './key-auth/handler.js';
import { basicAuth } from './basic-auth/handler.js';
import { botDetection } from './bot-detection/handler.js';
import { cors } from './cors/handler.js';
import { ipRestriction } from './ip-restriction/handler.js';
import { requestSizeLimiting } from './request-size-limiting/handler.js';
import { requestTermination } from './request-termination/handler.js';

export const PLUGINS: readonly PluginDefinition[] = [
  jwt,
  hmacAuth,
  acl,
  keyAuth,
  basicAuth,
  botDetection,
  cors,
  ipRestriction,
  requestSizeLimiting,
  requestTermination,
];

export const PLUGIN_DEFINITIONS: ReadonlyMap<string, PluginDefinition> = new Map(PLUGINS.map((p) => [p.name, p]));
