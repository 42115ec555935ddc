/**
 * Test support for plugin handlers (used by the handler tests of
 * ip-restriction, request-termination, bot-detection, request-size-limiting
 * and cors): a real configuration loaded from YAML, the plugin compiled
 * from it, and the runtime's real RequestPluginContext over a synthetic
 * request head.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type NormalizedConfig } from '../../config/load.js';
import { buildConsumerDirectory } from '../../compile/consumers/consumer-directory.js';
import { RequestPluginContext } from '../../runtime/http/plugin-context.js';
import type { RequestHead } from '../../runtime/http/request-head.js';
import type { RequestBody } from '../../runtime/http/request-body.js';
import { ResponseHeadersView } from '../../runtime/http/response-headers-view.js';
import type { AccessResult, ConsumerDirectory, PluginDefinition, PluginHandlers } from '../sdk.js';

type Named = { id: string; name: string | null } | null;

export interface Fixture {
  config: NormalizedConfig;
  consumers: ConsumerDirectory;
  handlers: PluginHandlers;
  route: Named;
  service: Named;
}

/**
 * Load `yaml` (a whole declarative file) from a temp dir, compile the first
 * plugin entity named like `def`, and pick the route it is scoped to (else
 * the first route) and that route's service.
 */
export function loadFixture(def: PluginDefinition, yaml: string): Fixture {
  const file = join(mkdtempSync(join(tmpdir(), `${def.name}-`)), 'kong.yml');
  writeFileSync(file, yaml);
  const r = loadConfig([file]);
  assert.ok(r.config, JSON.stringify(r.issues, null, 2));
  const config = r.config;
  const plugin = (config.plugins as unknown as { name: string; config: unknown; route: string | null }[]).find((p) => p.name === def.name);
  assert.ok(plugin, `no ${def.name} plugin in the fixture`);
  const routes = config.routes as unknown as { id: string; name: string | null; service: string | null }[];
  const services = config.services as unknown as { id: string; name: string | null }[];
  const route = (plugin.route ? routes.find((x) => x.id === plugin.route) : routes[0]) ?? null;
  const service = route?.service ? services.find((s) => s.id === route.service) ?? null : null;
  return {
    config,
    consumers: buildConsumerDirectory(config),
    handlers: def.compile(def.configSchema.parse(plugin.config)),
    route: route ? { id: route.id, name: route.name } : null,
    service: service ? { id: service.id, name: service.name } : null,
  };
}

export interface HeadOptions {
  method?: string;
  url?: string;
  query?: string;
  /** [name, value] pairs; names are lower-cased as uWS gives them */
  headers?: [string, string][];
  remoteAddress?: string;
  localPort?: number;
  /** a body: Content-Length is added unless `chunked` (then Transfer-Encoding: chunked) or `noLength` */
  body?: string | Buffer;
  chunked?: boolean;
  noLength?: boolean;
}

export const REQUEST_ID = '0123456789abcdef0123456789abcdef';

/** A body reader as the runtime's RequestBody is consumed (async iteration), in two chunks. */
function bodyOf(data: Buffer): RequestBody {
  async function* chunks() {
    yield data.subarray(0, data.length >> 1);
    yield data.subarray(data.length >> 1);
  }
  return chunks() as unknown as RequestBody;
}

/** A RequestHead as copyRequestHead makes it, from plain data. */
export function requestHead(o: HeadOptions = {}): RequestHead {
  const headers: string[] = [];
  for (const [n, v] of o.headers ?? []) headers.push(n.toLowerCase(), v);
  const body = o.body === undefined ? null : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
  if (body && o.chunked) headers.push('transfer-encoding', 'chunked');
  else if (body && !o.noLength) headers.push('content-length', String(body.length));
  return {
    method: o.method ?? 'GET',
    url: o.url ?? '/',
    query: o.query ?? '',
    headers,
    remoteAddress: o.remoteAddress ?? '127.0.0.1',
    localPort: o.localPort ?? 8000,
    requestId: REQUEST_ID,
    startedAt: 0,
    headBytes: 0,
    longestHeaderLine: 0,
    body: body ? bodyOf(body) : null,
    aborted: false,
    onAbort: null,
  };
}

/** The real per-request context over a synthetic head. */
export function contextFor(f: Fixture, o: HeadOptions = {}): RequestPluginContext {
  const head = requestHead(o);
  return new RequestPluginContext(head, head.requestId, f.route, f.service, f.consumers);
}

/** Run the access handler: its result (awaited) and the context. */
export async function access(f: Fixture, o: HeadOptions = {}): Promise<{ result: AccessResult; ctx: RequestPluginContext }> {
  const ctx = contextFor(f, o);
  const result = await f.handlers.access?.(ctx);
  return { result, ctx };
}

/**
 * Run the header phase as the runtime does on a response: the headers the
 * access phase added, then responseHeaders over the runtime's view.
 * Returns the final header list as [name, value] pairs.
 */
export function responseHeaders(f: Fixture, ctx: RequestPluginContext, status: number, upstream: [string, string][] = []): [string, string][] {
  const list: string[] = [];
  for (const [n, v] of upstream) list.push(n, v);
  for (const [n, v] of ctx.responseHeaders ?? []) list.push(n, v);
  f.handlers.responseHeaders?.(ctx, new ResponseHeadersView(status, list));
  const pairs: [string, string][] = [];
  for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
  return pairs;
}
