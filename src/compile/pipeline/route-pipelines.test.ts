import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig, type NormalizedConfig } from '../../config/load.js';
import type { NormalizedRoute } from '../../config/types.js';
import { definePlugin, type PluginDefinition } from '../../plugins/sdk.js';
import { compileInstances, consumersWithPlugins, precedence, routePipeline } from './route-pipelines.js';

/** Real plugin definitions whose handlers report which instance ran (`tag` from config). */
const tagPlugin = (name: string, priority: number): PluginDefinition =>
  definePlugin({ name, priority, configSchema: z.object({ tag: z.string() }), compile: (c: { tag: string }) => ({ access: () => ({ kind: 'exit', status: 200, body: c.tag }) }) });

function load(yaml: string): NormalizedConfig {
  const file = join(mkdtempSync(join(tmpdir(), 'pipeline-')), 'kong.yml');
  writeFileSync(file, yaml);
  const r = loadConfig([file]);
  assert.ok(r.config, JSON.stringify(r.issues));
  return r.config;
}

test('precedence lists scopes most specific first, as Kong (route+service+consumer … global)', () => {
  assert.deepEqual(precedence('R', 'S', 'C'), ['R|S|C', 'R||C', '|S|C', 'R|S|', '||C', 'R||', '|S|', '||']);
  assert.deepEqual(precedence('R', null, null), ['R||', '||']);
  assert.deepEqual(precedence('R', 'S', null), ['R|S|', 'R||', '|S|', '||']);
});

test("a route's pipeline: the most specific instance per name, consumer overrides, Kong's order", () => {
  // key-auth and cors are real names; the test definitions stand in for their handlers.
  const defs = new Map([['key-auth', tagPlugin('key-auth', 1250)], ['cors', tagPlugin('cors', 2000)], ['rate-limiting', tagPlugin('rate-limiting', 910)]]);
  const config = load(`_format_version: "3.0"
services:
  - name: s
    url: http://127.0.0.1:1
    routes:
      - { name: r1, paths: [/a] }
      - { name: r2, paths: [/b] }
consumers:
  - username: alice
plugins:
  - { name: key-auth, config: { key_names: [global] } }
  - { name: key-auth, service: s, config: { key_names: [service] } }
  - { name: key-auth, route: r1, config: { key_names: [route] } }
  - { name: cors, route: r2 }
  - { name: rate-limiting, consumer: alice, config: { minute: 5 } }
`);
  for (const p of config.plugins) {
    const c = p.config as Record<string, unknown>;
    c.tag = `${String(p.name)}:${JSON.stringify(c.key_names ?? p.route ?? p.consumer)}`;
  }
  const instances = compileInstances(config, defs);
  const consumers = consumersWithPlugins(instances);
  const routes = config.routes as unknown as NormalizedRoute[];
  const r1 = routePipeline(routes.find((r) => r.name === 'r1')!, instances, consumers);
  assert.deepEqual(r1.map((s) => s.name), ['key-auth', 'rate-limiting']);
  assert.equal(r1[0].fallback!.id, config.plugins.find((p) => p.route !== null && p.name === 'key-auth')!.id);
  assert.equal(r1[1].fallback, null, 'consumer-only plugin has no fallback');
  const alice = config.consumers[0].id;
  assert.equal(r1[1].byConsumer!.get(alice)!.name, 'rate-limiting');
  const r2 = routePipeline(routes.find((r) => r.name === 'r2')!, instances, consumers);
  assert.deepEqual(r2.map((s) => s.name), ['cors', 'key-auth', 'rate-limiting'], 'priority order: cors 2000, key-auth 1250, rate-limiting 910');
  assert.equal(r2[1].fallback!.id, config.plugins.find((p) => p.service !== null)!.id, 'service instance when the route has none');
});
