/**
 * Test support for the jwt, hmac-auth and acl handler tests: a real
 * configuration loaded from YAML, the plugin compiled from it, and the real
 * per-request context over a synthetic request head.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type NormalizedConfig } from '../../config/load.js';
import { buildConsumerDirectory } from '../../compile/consumers/consumer-directory.js';
import { RequestPluginContext, applyHeaderEdits } from '../../runtime/http/plugin-context.js';
import type { RequestHead } from '../../runtime/http/request-head.js';
import type { RequestBody } from '../../runtime/http/request-body.js';
import type { AccessResult, ConsumerDirectory, PluginDefinition, PluginHandlers } from '../sdk.js';

/** Load a declarative config (the `_format_version` line is added) and fail the test on any issue. */
export function loadYaml(yaml: string): NormalizedConfig {
  const file = join(mkdtempSync(join(tmpdir(), 'gatewayd-plugin-')), 'kong.yml');
  writeFileSync(file, `_format_version: "3.0"\n${yaml}`);
  const r = loadConfig([file]);
  assert.ok(r.config, JSON.stringify(r.issues, null, 2));
  return r.config;
}

export interface Fixture {
  config: NormalizedConfig;
  consumers: ConsumerDirectory;
  handlers: PluginHandlers;
}

/** The config in `yaml` with `plugin` configured globally by `pluginConfig` (a YAML flow mapping). */
export function fixture(def: PluginDefinition, yaml: string, pluginConfig = '{}'): Fixture {
  const config = loadYaml(`${yaml}\nplugins:\n  - name: ${def.name}\n    config: ${pluginConfig}\n`);
  const plugin = (config.plugins as unknown as { name: string; config: unknown }[]).find((p) => p.name === def.name);
  assert.ok(plugin);
  return { config, consumers: buildConsumerDirectory(config), handlers: def.compile(plugin.config as never) };
}

export interface HeadOptions {
  method?: string;
  path?: string;
  query?: string;
  headers?: [string, string][];
  body?: string | Buffer;
  /** send the body without Content-Length (chunked) */
  chunked?: boolean;
}

function bodyOf(data: Buffer): RequestBody {
  async function* chunks() {
    yield data.subarray(0, data.length >> 1);
    yield data.subarray(data.length >> 1);
  }
  return chunks() as unknown as RequestBody;
}

export function requestHead(o: HeadOptions = {}): RequestHead {
  const headers: string[] = [];
  for (const [n, v] of o.headers ?? []) headers.push(n.toLowerCase(), v);
  const body = o.body === undefined ? null : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
  if (body) {
    if (o.chunked) headers.push('transfer-encoding', 'chunked');
    else headers.push('content-length', String(body.length));
  }
  return {
    method: o.method ?? 'GET', url: o.path ?? '/anything', query: o.query ?? '', headers, remoteAddress: '127.0.0.1', localPort: 8000,
    requestId: 'f'.repeat(32), startedAt: 0, headBytes: 0, longestHeaderLine: 0, body: body ? bodyOf(body) : null, aborted: false, onAbort: null,
  };
}

export interface Ran {
  ctx: RequestPluginContext;
  reply: AccessResult;
  /** the headers the upstream would get (lower-case names; last value wins) */
  upstream: Map<string, string>;
}

/** One request through the fixture's access handler, `before` standing for earlier plugins. */
export async function runAccess(f: Fixture, o: HeadOptions = {}, before?: (ctx: RequestPluginContext) => void): Promise<Ran> {
  const head = requestHead(o);
  const ctx = new RequestPluginContext(head, head.requestId, { id: 'r', name: 'r' }, null, f.consumers);
  before?.(ctx);
  const reply = await f.handlers.access!(ctx);
  const sent = ctx.headerEdits ? applyHeaderEdits(head.headers, ctx.headerEdits) : head.headers;
  const upstream = new Map<string, string>();
  for (let i = 0; i < sent.length; i += 2) upstream.set(sent[i], sent[i + 1]);
  return { ctx, reply, upstream };
}
