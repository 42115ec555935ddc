import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type NormalizedConfig } from '../../config/load.js';
import { buildConsumerDirectory } from '../../compile/consumers/consumer-directory.js';
import { RequestPluginContext, applyHeaderEdits } from '../../runtime/http/plugin-context.js';
import type { RequestHead } from '../../runtime/http/request-head.js';
import type { AccessResult, PluginHandlers } from '../sdk.js';
import { basicAuth, decodeBase64, splitUserPass } from './handler.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const GUEST = '33333333-3333-4333-8333-333333333333';
const ALICE_CRED = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOB_CRED = 'bbbbbbbb-0000-4000-8000-000000000002';

const consumers = (bobPassword: string) => `
consumers:
  - id: ${ALICE}
    username: alice
    custom_id: alice-custom
    basicauth_credentials:
      - { id: ${ALICE_CRED}, username: alice-user, password: "open:sesame" }
      - { username: "üser", password: "pässword" }
  - id: ${BOB}
    username: bob
    basicauth_credentials:
      - { id: ${BOB_CRED}, username: bob-user, password: "${bobPassword}" }
  - id: ${GUEST}
    username: guest
`;

/** A real loaded configuration with one basic-auth instance; its handlers and the consumer directory. */
function setup(pluginConfig: string, transform: boolean, bobPassword: string): { handlers: PluginHandlers; config: NormalizedConfig } {
  const file = join(mkdtempSync(join(tmpdir(), 'basic-auth-')), 'kong.yml');
  writeFileSync(file, `_format_version: "3.0"\n_transform: ${transform}\n${consumers(bobPassword)}\nplugins:\n  - name: basic-auth\n    config: ${pluginConfig}\n`);
  const r = loadConfig([file]);
  assert.ok(r.config, JSON.stringify(r.issues));
  const plugin = r.config.plugins[0] as unknown as { config: unknown };
  return { handlers: basicAuth.compile(basicAuth.configSchema.parse(plugin.config)), config: r.config };
}

function requestHead(headers: [string, string][]): RequestHead {
  const flat: string[] = [];
  for (const [n, v] of headers) flat.push(n.toLowerCase(), v);
  return {
    method: 'GET', url: '/anything', query: '', headers: flat, remoteAddress: '127.0.0.1', localPort: 8000,
    requestId: 'f'.repeat(32), startedAt: 0, headBytes: 0, longestHeaderLine: 0, body: null, aborted: false, onAbort: null,
  };
}

interface RunOptions {
  transform?: boolean;
  bobPassword?: string;
  before?: (ctx: RequestPluginContext) => void;
}

async function run(pluginConfig: string, headers: [string, string][] = [], o: RunOptions = {}) {
  const { handlers, config } = setup(pluginConfig, o.transform ?? true, o.bobPassword ?? 'b0b-pass');
  const head = requestHead(headers);
  const ctx = new RequestPluginContext(head, head.requestId, { id: 'r', name: 'r' }, null, buildConsumerDirectory(config));
  o.before?.(ctx);
  const reply: AccessResult = await handlers.access!(ctx);
  const sent = ctx.headerEdits ? applyHeaderEdits(head.headers, ctx.headerEdits) : head.headers;
  const upstream = new Map<string, string>();
  for (let i = 0; i < sent.length; i += 2) upstream.set(sent[i], sent[i + 1]);
  return { ctx, reply, upstream };
}

const basic = (userPass: string, scheme = 'Basic') => `${scheme} ${Buffer.from(userPass, 'utf8').toString('base64')}`;
const unauthorized = (realm = 'service') => ({ kind: 'error', status: 401, message: 'Unauthorized', headers: [['WWW-Authenticate', `Basic realm="${realm}"`]] });

describe('basic-auth handler (real context, real loaded config)', () => {
  test('valid Authorization: the consumer, X-Consumer-* and X-Credential-Identifier = credential username', async () => {
    const { ctx, reply, upstream } = await run('{}', [['authorization', basic('alice-user:open:sesame')], ['x-anonymous-consumer', 'true']]);
    assert.equal(reply, undefined);
    assert.equal(ctx.consumer?.id, ALICE);
    assert.deepEqual(ctx.credential, { id: ALICE_CRED, identifier: 'alice-user' });
    assert.equal(upstream.get('x-consumer-id'), ALICE);
    assert.equal(upstream.get('x-consumer-custom-id'), 'alice-custom');
    assert.equal(upstream.get('x-consumer-username'), 'alice');
    assert.equal(upstream.get('x-credential-identifier'), 'alice-user');
    assert.equal(upstream.has('x-anonymous-consumer'), false);
    assert.ok(upstream.has('authorization'), 'kept without hide_credentials');
  });

  test('the scheme: `Basic` or `basic`, not `BASIC`', async () => {
    assert.equal((await run('{}', [['authorization', basic('bob-user:b0b-pass', 'basic')]])).ctx.consumer?.id, BOB);
    assert.deepEqual((await run('{}', [['authorization', basic('bob-user:b0b-pass', 'BASIC')]])).reply, unauthorized());
  });

  test('every failure is 401 Unauthorized with WWW-Authenticate: Basic realm="service" (or the configured realm)', async () => {
    assert.deepEqual((await run('{}')).reply, unauthorized(), 'no header');
    assert.deepEqual((await run('{}', [['authorization', basic('bob-user:wrong')]])).reply, unauthorized(), 'wrong password');
    assert.deepEqual((await run('{}', [['authorization', basic('nobody:b0b-pass')]])).reply, unauthorized(), 'unknown user');
    assert.deepEqual((await run('{}', [['authorization', 'Basic !!!not-base64']])).reply, unauthorized(), 'bad base64');
    assert.deepEqual((await run('{}', [['authorization', basic('no-colon')]])).reply, unauthorized(), 'no colon');
    assert.deepEqual((await run('{}', [['authorization', 'Bearer abc']])).reply, unauthorized(), 'other scheme');
    assert.deepEqual((await run('{}', [['authorization', '']])).reply, unauthorized(), 'empty header');
    assert.deepEqual((await run('{ realm: api }', [['authorization', basic('bob-user:wrong')]])).reply, unauthorized('api'));
  });

  test('Proxy-Authorization first; Authorization when it names no credential', async () => {
    const both = await run('{}', [['proxy-authorization', basic('alice-user:open:sesame')], ['authorization', basic('bob-user:b0b-pass')]]);
    assert.equal(both.ctx.consumer?.id, ALICE);
    const fallback = await run('{}', [['proxy-authorization', basic('nobody:x')], ['authorization', basic('bob-user:b0b-pass')]]);
    assert.equal(fallback.ctx.consumer?.id, BOB);
    // A known user with a wrong password in Proxy-Authorization: Authorization is not tried.
    const wrong = await run('{}', [['proxy-authorization', basic('alice-user:nope')], ['authorization', basic('bob-user:b0b-pass')]]);
    assert.deepEqual(wrong.reply, unauthorized());
  });

  test('the password is split at the first colon; UTF-8 usernames and passwords', async () => {
    assert.equal((await run('{}', [['authorization', basic('alice-user:open:sesame')]])).ctx.consumer?.id, ALICE);
    assert.deepEqual((await run('{}', [['authorization', basic('alice-user:open')]])).reply, unauthorized());
    const utf8 = await run('{}', [['authorization', Buffer.from(basic('üser:pässword'), 'utf8').toString('latin1')]]);
    assert.equal(utf8.ctx.consumer?.id, ALICE);
    assert.equal(utf8.ctx.credential?.identifier, 'üser');
  });

  test('_transform: false takes the stored password as the hash (SHA-1 hex of password + consumer id)', async () => {
    const hash = createHash('sha1').update(`plain${BOB}`).digest('hex');
    const ok = await run('{}', [['authorization', basic('bob-user:plain')]], { transform: false, bobPassword: hash });
    assert.equal(ok.ctx.consumer?.id, BOB);
    const asPlain = await run('{}', [['authorization', basic(`bob-user:${hash}`)]], { transform: false, bobPassword: hash });
    assert.deepEqual(asPlain.reply, unauthorized());
  });

  test('hide_credentials: the header that was read is not sent upstream', async () => {
    const a = await run('{ hide_credentials: true }', [['authorization', basic('bob-user:b0b-pass')], ['other', 'x']]);
    assert.equal(a.ctx.consumer?.id, BOB);
    assert.equal(a.upstream.has('authorization'), false);
    assert.equal(a.upstream.get('other'), 'x');
    // Proxy-Authorization authenticated: Authorization was never read and stays.
    const p = await run('{ hide_credentials: true }', [['proxy-authorization', basic('bob-user:b0b-pass')], ['authorization', 'Bearer t']]);
    assert.equal(p.ctx.consumer?.id, BOB);
    assert.equal(p.upstream.has('proxy-authorization'), false);
    assert.equal(p.upstream.get('authorization'), 'Bearer t');
  });

  test('anonymous (by username or id): a failure attaches the anonymous consumer; the headers say so', async () => {
    for (const ref of ['guest', GUEST]) {
      const { ctx, reply, upstream } = await run(`{ anonymous: "${ref}", hide_credentials: true }`, [['authorization', basic('bob-user:wrong')], ['x-credential-identifier', 'forged']]);
      assert.equal(reply, undefined);
      assert.equal(ctx.consumer?.id, GUEST);
      assert.equal(ctx.credential, null);
      assert.equal(upstream.get('x-consumer-id'), GUEST);
      assert.equal(upstream.get('x-consumer-username'), 'guest');
      assert.equal(upstream.has('x-credential-identifier'), false);
      assert.equal(upstream.get('x-anonymous-consumer'), 'true');
      assert.equal(upstream.has('authorization'), false);
    }
    assert.deepEqual((await run('{ anonymous: ghost }')).reply, { kind: 'error', status: 500, message: "anonymous consumer ghost is configured but doesn't exist" });
  });

  test('logical OR: an earlier credential means nothing to do; an earlier anonymous fallback does not', async () => {
    const done = await run('{ anonymous: guest }', [], { before: (c) => c.authenticate(c.consumers.byId(ALICE)!, { id: 'k', identifier: 'k' }) });
    assert.equal(done.reply, undefined);
    assert.equal(done.ctx.credential?.id, 'k');
    const again = await run('{ anonymous: guest }', [['authorization', basic('bob-user:b0b-pass')]], { before: (c) => c.authenticateAnonymous(c.consumers.anonymous('guest')!) });
    assert.equal(again.ctx.consumer?.id, BOB);
    assert.equal(again.upstream.has('x-anonymous-consumer'), false);
  });

  test('logical AND: without anonymous an earlier credential does not excuse bad credentials', async () => {
    const r = await run('{}', [], { before: (c) => c.authenticate(c.consumers.byId(ALICE)!, { id: 'k', identifier: 'k' }) });
    assert.deepEqual(r.reply, unauthorized());
  });
});

describe('basic-auth decoding as ngx/PCRE do it', () => {
  test('decode_base64: up to the first `=`, padding optional, standard alphabet only', () => {
    assert.equal(decodeBase64('dTpw')?.toString(), 'u:p');
    assert.equal(decodeBase64('dTpwcQ')?.toString(), 'u:pq');
    assert.equal(decodeBase64('dTpwcQ==garbage')?.toString(), 'u:pq');
    assert.equal(decodeBase64('dTpwc'), null, 'length 1 mod 4');
    assert.equal(decodeBase64('dT-w'), null, 'url-safe alphabet');
    assert.equal(decodeBase64('dTpw '), null, 'space');
  });

  test('([^:]+):(.*): leading colons skipped, first colon splits, `.` stops at a newline', () => {
    const s = (t: string) => {
      const r = splitUserPass(Buffer.from(t));
      return r && [r.username.toString(), r.password.toString()];
    };
    assert.deepEqual(s('u:p:q'), ['u', 'p:q']);
    assert.deepEqual(s('::u:p'), ['u', 'p']);
    assert.deepEqual(s('u:'), ['u', '']);
    assert.deepEqual(s('u:p\nq'), ['u', 'p']);
    assert.equal(s(':p'), null);
    assert.equal(s('up'), null);
  });
});
