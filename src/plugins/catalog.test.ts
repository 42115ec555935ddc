import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { KONG_BUNDLED_UNSUPPORTED, KONG_ENTERPRISE_PLUGINS, PLUGIN_SCHEMAS, pluginNameProblem } from './catalog.js';
import { issuesOf } from './schema-kit/testing.js';

const PRIORITIES: Record<string, number> = {
  'correlation-id': 100001, 'bot-detection': 2500, cors: 2000, jwt: 1450, 'key-auth': 1250, 'basic-auth': 1100,
  'hmac-auth': 1030, 'ip-restriction': 990, 'request-size-limiting': 951, acl: 950, 'rate-limiting': 910,
  'response-ratelimiting': 900, 'request-transformer': 801, 'response-transformer': 800, 'proxy-cache': 100,
  opentelemetry: 14, prometheus: 13, 'http-log': 12, 'file-log': 9, 'request-termination': 2,
};

describe('plugin catalog', () => {
  it("has the 20 plugins with Kong's priorities", () => {
    assert.deepEqual(Object.fromEntries([...PLUGIN_SCHEMAS].map(([n, d]) => [n, d.priority])), PRIORITIES);
    for (const [name, def] of PLUGIN_SCHEMAS) assert.equal(def.name, name);
  });

  it('knows which plugins cannot be bound to a consumer', () => {
    const noConsumer = [...PLUGIN_SCHEMAS.values()].filter((d) => d.noConsumer).map((d) => d.name).sort();
    assert.deepEqual(noConsumer, ['acl', 'basic-auth', 'bot-detection', 'cors', 'hmac-auth', 'jwt', 'key-auth']);
  });

  it('knows the protocols of each plugin', () => {
    const ip = PLUGIN_SCHEMAS.get('ip-restriction')!;
    assert.deepEqual(ip.defaultProtocols, ['http', 'https', 'tcp', 'tls', 'grpc', 'grpcs']);
    assert.ok(ip.allowedProtocols.includes('udp'));
    const keyAuth = PLUGIN_SCHEMAS.get('key-auth')!;
    assert.deepEqual(keyAuth.defaultProtocols, ['grpc', 'grpcs', 'http', 'https']);
    assert.deepEqual(keyAuth.allowedProtocols, ['grpc', 'grpcs', 'http', 'https']);
    assert.ok(PLUGIN_SCHEMAS.get('http-log')!.allowedProtocols.includes('tcp'));
  });

  it('says why a plugin name cannot be used', () => {
    assert.equal(pluginNameProblem('key-auth'), undefined);
    assert.equal(pluginNameProblem('tcp-log'), "plugin 'tcp-log' is not supported by gatewayd");
    assert.equal(pluginNameProblem('openid-connect'), "plugin 'openid-connect' is a Kong Enterprise plugin, which gatewayd does not support");
    assert.equal(pluginNameProblem('foo'), "plugin 'foo' not enabled; add it to the 'plugins' configuration property");
  });

  it('keeps the name lists apart', () => {
    for (const n of KONG_BUNDLED_UNSUPPORTED) {
      assert.ok(!PLUGIN_SCHEMAS.has(n) && !KONG_ENTERPRISE_PLUGINS.has(n), n);
    }
    for (const n of KONG_ENTERPRISE_PLUGINS) assert.ok(!PLUGIN_SCHEMAS.has(n), n);
  });
});

const CORPUS = '/work/shared/kong-corpus/valid';

/** Every `plugins` entry of a document (top level or nested in services, routes, consumers). */
function* pluginsIn(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const n of node) yield* pluginsIn(n);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'plugins' && Array.isArray(value)) {
      for (const p of value) if (p && typeof p === 'object') yield p as Record<string, unknown>;
    }
    if (key !== 'config') yield* pluginsIn(value);
  }
}

describe('plugin configs of the real-world corpus', { skip: !fs.existsSync(CORPUS) }, () => {
  it('validates every config of an implemented plugin in valid/', () => {
    let checked = 0;
    const problems: string[] = [];
    for (const file of fs.readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const doc = file.endsWith('.json') ? JSON.parse(text) : yaml.load(text);
      for (const plugin of pluginsIn(doc)) {
        const def = PLUGIN_SCHEMAS.get(plugin.name as string);
        if (!def) continue;
        checked++;
        for (const [p, m] of issuesOf(def.configSchema, plugin.config ?? {})) problems.push(`${file} ${def.name} ${p}: ${m}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked > 200, `only ${checked} plugin configs found`);
  });
});
