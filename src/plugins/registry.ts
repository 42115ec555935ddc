/**
 * The plugins gatewayd can run: an explicit list (no registration by side
 * effect). A configured plugin whose name is not here makes `start` refuse
 * the configuration (lint warns: plugin-not-implemented).
 */
import type { PluginDefinition } from './sdk.js';

export const PLUGINS: readonly PluginDefinition[] = [];

export const PLUGIN_DEFINITIONS: ReadonlyMap<string, PluginDefinition> = new Map(PLUGINS.map((p) => [p.name, p]));
