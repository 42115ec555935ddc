import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type NormalizedConfig } from '../../config/load.js';
import { buildConsumerDirectory } from '../../compile/consumers/consumer-directory.js';
import { RequestPluginContext, applyHeaderEdits, upstreamQuery } from '../../runtime/http/plugin-context.js';
import type { RequestHead } from '../../runtime/http/request-head.js';
import type { RequestBody } from '../../runtime/http/request-body.js';
import type { AccessResult, PluginHandlers } from '../sdk.js';
import { keyAuth } from './handler.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const GUEST = '33333333-3333-4333-8333-333333333333';
const ALICE_KEY = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOB_KEY = 'bbbbbbbb-0000-4000-8000-000000000002';
const OLD_KEY = 'cccccccc-0000-4000-8000-000000000003';
const FRESH_KEY = 'dddddddd-0000-4000-8000-000000000004';
const UTF8_KEY = 'eeeeeeee-0000-4000-8000-000000000005';

const CONSUMERS = `
consumers:
  - id: ${ALICE}
    username: alice
    custom_id: alice-custom
    keyauth_credentials:
      - { id: ${ALICE_KEY}, key: alice-secret }
      - { id: ${UTF8_KEY}, key: "clé-ü" }
  - id: ${BOB}
    custom_id: bob-custom
    keyauth_credentials:
      - { id: ${BOB_KEY}, key: bob-secret }
      - { id: ${OLD_KEY}, key: old-secret, ttl: 60, created_at: 1000000000 }
      - { id: ${FRESH_KEY}, key: fresh-secret, ttl: 100000000 }
  - id: ${GUEST}
    username: guest
`;

/** A real loaded configuration with one key-auth instance; its handlers and the consumer directory. */
function setup(pluginConfig = '{}'): { handlers: PluginHandlers; config: NormalizedConfig } {
  const file = join(mkdtempSync(join(tmpdir(), 'key-auth-')), 'kong.yml');
  writeFileSync(file, `_format_version: "3.0"\n${CONSUMERS}\nplugins:\n  - name: key-auth\n    config: ${pluginConfig}\n`);
  const r = loadConfig([file]);
  assert.ok(r.config, JSON.stringify(r.issues));
  const plugin = r.config.plugins[0] as unknown as { config: unknown };
  return { handlers: keyAuth.compile(keyAuth.configSchema.parse(plugin.config)), config: r.config };
}

interface HeadOptions {
  method?: string;
  query?: string;
  headers?: [string, string][];
  body?: string | Buffer;
}

function bodyOf(data: Buffer): RequestBody {
  async function* chunks() {
    // two chunks, as a client would send them
    yield data.subarray(0, data.length >> 1);
    yield data.subarray(data.length >> 1);
  }
  return chunks() as unknown as RequestBody;
}

function requestHead(o: HeadOptions = {}): RequestHead {
  const headers: string[] = [];
  for (const [n, v] of o.headers ?? []) headers.push(n.toLowerCase(), v);
  const body = o.body === undefined ? null : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
  if (body) headers.push('content-length', String(body.length));
  return {
    method: o.method ?? 'GET', url: '/anything', query: o.query ?? '', headers, remoteAddress: '127.0.0.1', localPort: 8000,
    requestId: 'f'.repeat(32), startedAt: 0, headBytes: 0, longestHeaderLine: 0, body: body ? bodyOf(body) : null, aborted: false, onAbort: null,
  };
}

async function run(pluginConfig: string, o: HeadOptions = {}, before?: (ctx: RequestPluginContext) => void) {
  const { handlers, config } = setup(pluginConfig);
  const head = requestHead(o);
  const ctx = new RequestPluginContext(head, head.requestId, { id: 'r', name: 'r' }, null, buildConsumerDirectory(config));
  before?.(ctx);
  const reply: AccessResult = await handlers.access!(ctx);
  const upstreamHeaders = ctx.headerEdits ? applyHeaderEdits(head.headers, ctx.headerEdits) : head.headers;
  const upstream = new Map<string, string>();
  for (let i = 0; i < upstreamHeaders.length; i += 2) upstream.set(upstreamHeaders[i], upstreamHeaders[i + 1]);
  return { ctx, reply, upstream, query: upstreamQuery(head.query, ctx.queryRemovals) };
}

const unauthorized = (message: string, www = 'Key') => ({ kind: 'error', status: 401, message, headers: [['WWW-Authenticate', www]] });

describe('key-auth handler (real context, real loaded config)', () => {
  test('a key in the apikey header authenticates its consumer and sets the X-Consumer-* headers', async () => {
    const { ctx, reply, upstream } = await run('{}', { headers: [['apikey', 'alice-secret'], ['x-anonymous-consumer', 'true'], ['x-consumer-id', 'forged']] });
    assert.equal(reply, undefined);
    assert.equal(ctx.consumer?.id, ALICE);
    assert.deepEqual(ctx.credential, { id: ALICE_KEY, identifier: ALICE_KEY });
    assert.equal(upstream.get('x-consumer-id'), ALICE);
    assert.equal(upstream.get('x-consumer-custom-id'), 'alice-custom');
    assert.equal(upstream.get('x-consumer-username'), 'alice');
    assert.equal(upstream.get('x-credential-identifier'), ALICE_KEY);
    assert.equal(upstream.has('x-anonymous-consumer'), false);
    assert.equal(upstream.get('apikey'), 'alice-secret', 'kept without hide_credentials');
  });

  test('a consumer without username: X-Consumer-Username cleared, even if the client sent one', async () => {
    const { ctx, upstream } = await run('{}', { headers: [['apikey', 'bob-secret'], ['x-consumer-username', 'forged']] });
    assert.equal(ctx.consumer?.id, BOB);
    assert.equal(upstream.get('x-consumer-custom-id'), 'bob-custom');
    assert.equal(upstream.has('x-consumer-username'), false);
  });

  test('no key: 401 "No API key found in request" with WWW-Authenticate: Key; realm when configured', async () => {
    assert.deepEqual((await run('{}')).reply, unauthorized('No API key found in request'));
    assert.deepEqual((await run('{ realm: my-api }')).reply, unauthorized('No API key found in request', 'Key realm="my-api"'));
    assert.deepEqual((await run('{}', { headers: [['apikey', '']] })).reply, unauthorized('No API key found in request'));
  });

  test('unknown key: 401 Unauthorized; no consumer headers', async () => {
    const { ctx, reply, upstream } = await run('{}', { headers: [['apikey', 'nope']] });
    assert.deepEqual(reply, unauthorized('Unauthorized'));
    assert.equal(ctx.consumer, null);
    assert.equal(upstream.has('x-consumer-id'), false);
  });

  test('ttl: a credential past created_at + ttl is Unauthorized, one within it authenticates', async () => {
    assert.deepEqual((await run('{}', { headers: [['apikey', 'old-secret']] })).reply, unauthorized('Unauthorized'));
    const fresh = await run('{}', { headers: [['apikey', 'fresh-secret']] });
    assert.equal(fresh.reply, undefined);
    assert.equal(fresh.ctx.credential?.id, FRESH_KEY);
  });

  test('key names match headers case-insensitively, and `_` in a name matches `-` in the header', async () => {
    assert.equal((await run('{ key_names: [X-API-Key] }', { headers: [['x-api-key', 'alice-secret']] })).ctx.consumer?.id, ALICE);
    assert.equal((await run('{ key_names: [x_api_key] }', { headers: [['x-api-key', 'alice-secret']] })).ctx.consumer?.id, ALICE);
  });

  test('a repeated header or query argument: 401 "Duplicate API key found"', async () => {
    assert.deepEqual((await run('{}', { headers: [['apikey', 'alice-secret'], ['apikey', 'bob-secret']] })).reply, unauthorized('Duplicate API key found'));
    assert.deepEqual((await run('{}', { query: 'apikey=alice-secret&apikey=alice-secret' })).reply, unauthorized('Duplicate API key found'));
    assert.deepEqual((await run('{}', { query: 'apikey&apikey=x' })).reply, unauthorized('Duplicate API key found'));
  });

  test('the query string: decoded value; `?apikey` (no value) and `?apikey=` find no key', async () => {
    const { ctx, query } = await run('{}', { query: 'a=1&apikey=alice%2Dsecret&b=2' });
    assert.equal(ctx.consumer?.id, ALICE);
    assert.equal(query, 'a=1&apikey=alice%2Dsecret&b=2', 'kept without hide_credentials');
    assert.deepEqual((await run('{}', { query: 'apikey' })).reply, unauthorized('No API key found in request'));
    assert.deepEqual((await run('{}', { query: 'apikey=' })).reply, unauthorized('No API key found in request'));
  });

  test('non-ASCII keys: UTF-8 bytes in a header or percent-encoded in the query', async () => {
    const latin1 = Buffer.from('clé-ü', 'utf8').toString('latin1');
    assert.equal((await run('{}', { headers: [['apikey', latin1]] })).ctx.credential?.id, UTF8_KEY);
    assert.equal((await run('{}', { query: 'apikey=cl%C3%A9-%C3%BC' })).ctx.credential?.id, UTF8_KEY);
    assert.deepEqual((await run('{}', { query: 'apikey=cl%E9-%FC' })).reply, unauthorized('Unauthorized'), 'latin-1 bytes are not the key');
  });

  test('search order: per name, header then query; the first name with a value wins', async () => {
    const both = await run('{}', { headers: [['apikey', 'alice-secret']], query: 'apikey=bob-secret' });
    assert.equal(both.ctx.consumer?.id, ALICE);
    const names = await run('{ key_names: [first, second] }', { headers: [['second', 'alice-secret']], query: 'first=bob-secret' });
    assert.equal(names.ctx.consumer?.id, BOB);
  });

  test('key_in_header / key_in_query false: those places are not searched', async () => {
    assert.deepEqual((await run('{ key_in_header: false }', { headers: [['apikey', 'alice-secret']] })).reply, unauthorized('No API key found in request'));
    assert.deepEqual((await run('{ key_in_query: false }', { query: 'apikey=alice-secret' })).reply, unauthorized('No API key found in request'));
  });

  test('hide_credentials: the header and the query argument are not sent upstream', async () => {
    const h = await run('{ hide_credentials: true }', { headers: [['apikey', 'alice-secret'], ['other', 'x']] });
    assert.equal(h.ctx.consumer?.id, ALICE);
    assert.equal(h.upstream.has('apikey'), false);
    assert.equal(h.upstream.get('other'), 'x');
    const q = await run('{ hide_credentials: true }', { query: 'x=1&apikey=alice-secret&y=2' });
    assert.equal(q.ctx.consumer?.id, ALICE);
    assert.equal(q.query, 'x=1&y=2');
  });

  test('key_in_body: form-urlencoded, JSON and multipart bodies', async () => {
    const form = await run('{ key_in_body: true }', { method: 'POST', headers: [['content-type', 'application/x-www-form-urlencoded']], body: 'a=1&apikey=alice-secret' });
    assert.equal(form.ctx.consumer?.id, ALICE);
    const json = await run('{ key_in_body: true }', { method: 'POST', headers: [['content-type', 'application/json; charset=utf-8']], body: '{"apikey":"bob-secret","n":1}' });
    assert.equal(json.ctx.consumer?.id, BOB);
    const multipart = await run('{ key_in_body: true }', {
      method: 'POST', headers: [['content-type', 'multipart/form-data; boundary=XyZ']],
      body: '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name="apikey"\r\n\r\nalice-secret\r\n--XyZ--\r\n',
    });
    assert.equal(multipart.ctx.consumer?.id, ALICE);
  });

  test('key_in_body: a JSON array/object value is a duplicate; a number is no key; other content types are not read', async () => {
    const post = (ct: string, body: string) => ({ method: 'POST', headers: [['content-type', ct]] as [string, string][], body });
    assert.deepEqual((await run('{ key_in_body: true }', post('application/json', '{"apikey":["a","b"]}'))).reply, unauthorized('Duplicate API key found'));
    assert.deepEqual((await run('{ key_in_body: true }', post('application/json', '{"apikey":12}'))).reply, unauthorized('No API key found in request'));
    assert.deepEqual((await run('{ key_in_body: true }', post('application/json', 'not json'))).reply, unauthorized('No API key found in request'));
    assert.deepEqual((await run('{ key_in_body: true }', post('text/plain', 'apikey=alice-secret'))).reply, unauthorized('No API key found in request'));
    assert.deepEqual((await run('{ key_in_body: true }', post('application/x-www-form-urlencoded', 'apikey=a&apikey=b'))).reply, unauthorized('Duplicate API key found'));
    assert.deepEqual((await run('{}', post('application/x-www-form-urlencoded', 'apikey=alice-secret'))).reply, unauthorized('No API key found in request'), 'key_in_body defaults to false');
  });

  test('key_in_body + hide_credentials: the field is taken out of the body sent upstream', async () => {
    const form = await run('{ key_in_body: true, hide_credentials: true }', { method: 'POST', headers: [['content-type', 'application/x-www-form-urlencoded']], body: 'a=1&apikey=alice-secret&b=%20' });
    assert.equal(form.ctx.consumer?.id, ALICE);
    assert.equal(form.ctx.body?.toString(), 'a=1&b=%20');
    assert.equal(form.upstream.get('content-length'), '9');
    const json = await run('{ key_in_body: true, hide_credentials: true }', { method: 'POST', headers: [['content-type', 'application/json']], body: '{"apikey":"bob-secret","n":1}' });
    assert.equal(json.ctx.consumer?.id, BOB);
    assert.deepEqual(JSON.parse(json.ctx.body!.toString()), { n: 1 });
    const multipart = await run('{ key_in_body: true, hide_credentials: true }', {
      method: 'POST', headers: [['content-type', 'multipart/form-data; boundary="XyZ"']],
      body: '--XyZ\r\nContent-Disposition: form-data; name="apikey"\r\n\r\nalice-secret\r\n--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--\r\n',
    });
    assert.equal(multipart.ctx.consumer?.id, ALICE);
    assert.equal(multipart.ctx.body?.toString(), '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--\r\n');
    // Key in a header, key_in_body on: Kong rewrites the body too (the field, if there, is removed).
    const header = await run('{ key_in_body: true, hide_credentials: true }', {
      method: 'POST', headers: [['apikey', 'alice-secret'], ['content-type', 'application/json']], body: '{"apikey":"other","x":true}',
    });
    assert.equal(header.ctx.consumer?.id, ALICE);
    assert.equal(header.upstream.has('apikey'), false);
    assert.deepEqual(JSON.parse(header.ctx.body!.toString()), { x: true });
  });

  test('run_on_preflight false: OPTIONS passes untouched; true (default): OPTIONS needs a key', async () => {
    const skipped = await run('{ run_on_preflight: false }', { method: 'OPTIONS' });
    assert.equal(skipped.reply, undefined);
    assert.equal(skipped.ctx.consumer, null);
    assert.equal(skipped.ctx.headerEdits, null);
    assert.deepEqual((await run('{}', { method: 'OPTIONS' })).reply, unauthorized('No API key found in request'));
  });

  test('anonymous (by username or id): a failure attaches the anonymous consumer', async () => {
    for (const ref of ['guest', GUEST]) {
      const { ctx, reply, upstream } = await run(`{ anonymous: "${ref}" }`, { headers: [['apikey', 'wrong'], ['x-credential-identifier', 'forged']] });
      assert.equal(reply, undefined);
      assert.equal(ctx.consumer?.id, GUEST);
      assert.equal(ctx.credential, null);
      assert.equal(upstream.get('x-consumer-id'), GUEST);
      assert.equal(upstream.get('x-consumer-username'), 'guest');
      assert.equal(upstream.has('x-consumer-custom-id'), false);
      assert.equal(upstream.has('x-credential-identifier'), false);
      assert.equal(upstream.get('x-anonymous-consumer'), 'true');
    }
    const dup = await run('{ anonymous: guest }', { query: 'apikey=a&apikey=b' });
    assert.equal(dup.reply, undefined, 'a duplicate key falls back to anonymous too');
    assert.equal(dup.ctx.consumer?.id, GUEST);
  });

  test('anonymous: a valid key still authenticates its own consumer', async () => {
    const { ctx, upstream } = await run('{ anonymous: guest }', { headers: [['apikey', 'alice-secret']] });
    assert.equal(ctx.consumer?.id, ALICE);
    assert.equal(upstream.has('x-anonymous-consumer'), false);
  });

  test('anonymous that does not exist: 500 with Kong\'s message', async () => {
    assert.deepEqual((await run('{ anonymous: ghost }')).reply, { kind: 'error', status: 500, message: "anonymous consumer ghost is configured but doesn't exist" });
  });

  test('logical OR: with anonymous set, an earlier plugin\'s credential means nothing to do', async () => {
    const { ctx, reply } = await run('{ anonymous: guest }', {}, (c) => c.authenticate(buildBob(c), { id: 'cred', identifier: 'bob-basic' }));
    assert.equal(reply, undefined);
    assert.equal(ctx.consumer?.id, BOB);
    assert.deepEqual(ctx.credential, { id: 'cred', identifier: 'bob-basic' });
  });

  test('logical OR: an earlier anonymous fallback (no credential) does not stop this plugin', async () => {
    const { ctx } = await run('{ anonymous: guest }', { headers: [['apikey', 'alice-secret']] }, (c) => c.authenticateAnonymous(c.consumers.anonymous('guest')!));
    assert.equal(ctx.consumer?.id, ALICE);
    assert.equal(ctx.credential?.id, ALICE_KEY);
  });

  test('logical AND: without anonymous, an earlier plugin\'s credential does not excuse a missing key', async () => {
    const { reply } = await run('{}', {}, (c) => c.authenticate(buildBob(c), { id: 'cred', identifier: 'bob-basic' }));
    assert.deepEqual(reply, unauthorized('No API key found in request'));
  });
});

const buildBob = (c: RequestPluginContext) => c.consumers.byId(BOB)!;
