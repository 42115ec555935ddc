import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { acl } from './handler.js';
import { fixture, runAccess, type Fixture, type HeadOptions } from '../jwt/handler-test-kit.js';
import type { RequestPluginContext } from '../../runtime/http/plugin-context.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CAROL = '44444444-4444-4444-8444-444444444444';
const GUEST = '33333333-3333-4333-8333-333333333333';

const CONSUMERS = `
consumers:
  - id: ${ALICE}
    username: alice
    acls: [{ group: admin }, { group: dev }]
  - id: ${BOB}
    username: bob
  - id: ${CAROL}
    username: carol
    acls: [{ group: dev }]
  - id: ${GUEST}
    username: guest
    acls: [{ group: guests }]
`;

const fixtures = new Map<string, Fixture>();
function plugin(config: string): Fixture {
  let f = fixtures.get(config);
  if (!f) fixtures.set(config, (f = fixture(acl, CONSUMERS, config)));
  return f;
}

const FORBIDDEN = { kind: 'error', status: 403, message: 'You cannot consume this service' };

/** What an auth plugin in front would have done. */
const as = (f: Fixture, id: string, o: { anonymous?: boolean; groups?: string[] } = {}) => (ctx: RequestPluginContext) => {
  const consumer = f.consumers.byId(id)!;
  if (o.anonymous) ctx.authenticateAnonymous(consumer);
  else ctx.authenticate(consumer, { id: `cred-${id}`, identifier: 'x' });
  if (o.groups) ctx.authenticatedGroups = o.groups;
};
const groupsOnly = (groups: string[]) => (ctx: RequestPluginContext) => {
  ctx.authenticatedGroups = groups;
};

describe('acl handler (real context, real loaded config)', () => {
  test('allow: a consumer in a listed group passes, X-Consumer-Groups lists all its groups (client copy replaced)', async () => {
    const f = plugin('{ allow: [admin] }');
    const o: HeadOptions = { headers: [['x-consumer-groups', 'forged']] };
    const { reply, upstream } = await runAccess(f, o, as(f, ALICE));
    assert.equal(reply, undefined);
    assert.equal(upstream.get('x-consumer-groups'), 'admin, dev');
    assert.equal(upstream.has('x-authenticated-groups'), false);
  });

  test('allow: a consumer in none of the groups, or with no groups at all, gets 403 "You cannot consume this service"', async () => {
    const f = plugin('{ allow: [admin, ops] }');
    assert.deepEqual((await runAccess(f, {}, as(f, CAROL))).reply, FORBIDDEN);
    assert.deepEqual((await runAccess(f, {}, as(f, BOB))).reply, FORBIDDEN);
  });

  test('deny: a consumer in a listed group is refused; others pass; no groups → header removed', async () => {
    const f = plugin('{ deny: [admin] }');
    assert.deepEqual((await runAccess(f, {}, as(f, ALICE))).reply, FORBIDDEN);
    const carol = await runAccess(f, {}, as(f, CAROL));
    assert.equal(carol.reply, undefined);
    assert.equal(carol.upstream.get('x-consumer-groups'), 'dev');
    const bob = await runAccess(f, { headers: [['x-consumer-groups', 'forged']] }, as(f, BOB));
    assert.equal(bob.reply, undefined);
    assert.equal(bob.upstream.has('x-consumer-groups'), false, "set_header('') removes it");
  });

  test('no consumer and no authenticated groups: 401 (Kong default message)', async () => {
    const f = plugin('{ allow: [admin] }');
    assert.deepEqual((await runAccess(f)).reply, { kind: 'error', status: 401 });
  });

  test('authenticated groups without a consumer: checked and sent as X-Authenticated-Groups', async () => {
    const f = plugin('{ allow: [admin] }');
    const ok = await runAccess(f, {}, groupsOnly(['users', 'admin']));
    assert.equal(ok.reply, undefined);
    assert.equal(ok.upstream.get('x-authenticated-groups'), 'users, admin');
    assert.equal(ok.upstream.has('x-consumer-groups'), false);
    assert.deepEqual((await runAccess(f, {}, groupsOnly(['users']))).reply, FORBIDDEN);
    assert.deepEqual((await runAccess(f, {}, groupsOnly([]))).reply, FORBIDDEN);
  });

  test('anonymous consumer: authenticated groups win over its own groups; without them its own groups apply', async () => {
    const f = plugin('{ allow: [admin] }');
    const withGroups = await runAccess(f, {}, as(f, GUEST, { anonymous: true, groups: ['admin'] }));
    assert.equal(withGroups.reply, undefined);
    assert.equal(withGroups.upstream.get('x-authenticated-groups'), 'admin');
    assert.equal(withGroups.upstream.has('x-consumer-groups'), false);
    assert.deepEqual((await runAccess(f, {}, as(f, GUEST, { anonymous: true }))).reply, FORBIDDEN);
    const guests = plugin('{ allow: [guests] }');
    const own = await runAccess(guests, {}, as(guests, GUEST, { anonymous: true }));
    assert.equal(own.reply, undefined);
    assert.equal(own.upstream.get('x-consumer-groups'), 'guests');
  });

  test('a consumer with a credential: its own groups, unless always_use_authenticated_groups', async () => {
    const f = plugin('{ allow: [admin] }');
    const own = await runAccess(f, {}, as(f, CAROL, { groups: ['admin'] }));
    assert.deepEqual(own.reply, FORBIDDEN, 'carol is only in dev');
    const always = plugin('{ allow: [admin], always_use_authenticated_groups: true }');
    const r = await runAccess(always, {}, as(always, CAROL, { groups: ['admin'] }));
    assert.equal(r.reply, undefined);
    assert.equal(r.upstream.get('x-authenticated-groups'), 'admin');
    // no authenticated groups set: back to the consumer's own
    assert.deepEqual((await runAccess(always, {}, as(always, CAROL))).reply, FORBIDDEN);
  });

  test('hide_groups_header: no groups header is set (a client-sent one is left as is, as in Kong)', async () => {
    const f = plugin('{ allow: [admin], hide_groups_header: true }');
    const r = await runAccess(f, { headers: [['x-consumer-groups', 'client']] }, as(f, ALICE));
    assert.equal(r.reply, undefined);
    assert.equal(r.upstream.get('x-consumer-groups'), 'client');
    const g = await runAccess(f, {}, groupsOnly(['admin']));
    assert.equal(g.upstream.has('x-authenticated-groups'), false);
  });
});
