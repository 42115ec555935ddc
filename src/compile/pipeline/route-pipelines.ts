import type { NormalizedConfig } from '../../config/load.js';
import type { NormalizedPlugin, NormalizedRoute } from '../../config/types.js';
import type { PluginDefinition, PluginHandlers } from '../../plugins/sdk.js';

/** One configured plugin entity, compiled: its handlers are closures over its config. */
export interface PluginInstance {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
  readonly handlers: PluginHandlers;
}

/** One plugin name in a route's pipeline: the instance that applies, and per-consumer overrides. */
export interface PipelineStep {
  readonly name: string;
  readonly priority: number;
  /** the instance when no consumer-specific one applies (null: only consumer-scoped instances exist) */
  readonly fallback: PluginInstance | null;
  /** consumer id → instance, for consumers with instances of their own */
  readonly byConsumer: ReadonlyMap<string, PluginInstance> | null;
}

export type Pipeline = readonly PipelineStep[];
export const EMPTY_PIPELINE: Pipeline = Object.freeze([]);

const HTTP_PROTOCOLS = ['http', 'https'];
const scopeKey = (route: string | null, service: string | null, consumer: string | null) => `${route ?? ''}|${service ?? ''}|${consumer ?? ''}`;

/**
 * Kong's precedence, most specific first (kong-format.md §3.0):
 * route+service+consumer, route+consumer, service+consumer, route+service,
 * consumer, route, service, global. The one place this order is written.
 */
export function precedence(route: string | null, service: string | null, consumer: string | null): string[] {
  const keys: string[] = [];
  if (consumer !== null) {
    if (route !== null && service !== null) keys.push(scopeKey(route, service, consumer));
    if (route !== null) keys.push(scopeKey(route, null, consumer));
    if (service !== null) keys.push(scopeKey(null, service, consumer));
  }
  if (route !== null && service !== null) keys.push(scopeKey(route, service, null));
  if (consumer !== null) keys.push(scopeKey(null, null, consumer));
  if (route !== null) keys.push(scopeKey(route, null, null));
  if (service !== null) keys.push(scopeKey(null, service, null));
  keys.push(scopeKey(null, null, null));
  return keys;
}

/** Compile every enabled plugin entity that has a definition, grouped by name and scope. */
export function compileInstances(config: NormalizedConfig, definitions: ReadonlyMap<string, PluginDefinition>): Map<string, Map<string, PluginInstance>> {
  const byName = new Map<string, Map<string, PluginInstance>>();
  for (const raw of config.plugins) {
    const p = raw as unknown as NormalizedPlugin;
    const def = definitions.get(p.name);
    if (!def || !p.enabled || !p.protocols.some((x) => HTTP_PROTOCOLS.includes(x))) continue;
    const instance: PluginInstance = Object.freeze({ id: p.id, name: p.name, priority: def.priority, handlers: def.compile(p.config as never) });
    let scopes = byName.get(p.name);
    if (!scopes) byName.set(p.name, (scopes = new Map()));
    scopes.set(scopeKey(p.route, p.service, p.consumer), instance);
  }
  return byName;
}

/** The pipeline of one route: for each plugin name, who applies; in Kong's execution order. */
export function routePipeline(route: NormalizedRoute, instances: ReadonlyMap<string, ReadonlyMap<string, PluginInstance>>, consumerIds: readonly string[]): Pipeline {
  const steps: PipelineStep[] = [];
  for (const [name, scopes] of instances) {
    const first = (keys: string[]) => keys.map((k) => scopes.get(k)).find((i) => i !== undefined) ?? null;
    const fallback = first(precedence(route.id, route.service, null));
    let byConsumer: Map<string, PluginInstance> | null = null;
    for (const consumer of consumerIds) {
      const hit = first(precedence(route.id, route.service, consumer));
      if (hit && hit !== fallback) (byConsumer ??= new Map()).set(consumer, hit);
    }
    if (fallback || byConsumer) steps.push({ name, priority: (fallback ?? [...byConsumer!.values()][0]).priority, fallback, byConsumer });
  }
  // Kong: by PRIORITY descending, ties by name descending.
  steps.sort((a, b) => b.priority - a.priority || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  return Object.freeze(steps);
}

/** Consumers that have at least one plugin instance of their own (the only ones a pipeline must know). */
export function consumersWithPlugins(instances: ReadonlyMap<string, ReadonlyMap<string, PluginInstance>>): string[] {
  const ids = new Set<string>();
  for (const scopes of instances.values()) {
    for (const key of scopes.keys()) {
      const consumer = key.split('|')[2];
      if (consumer) ids.add(consumer);
    }
  }
  return [...ids];
}
