import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineStep, PluginInstance } from '../../compile/pipeline/route-pipelines.js';
import { buildConsumerDirectory } from '../../compile/consumers/consumer-directory.js';
import type { NormalizedConfig } from '../../config/load.js';
import type { PluginHandlers, RequestOutcome } from '../../plugins/sdk.js';
import { RequestPluginContext } from './plugin-context.js';
import type { RequestHead } from './request-head.js';
import { PluginFailure, runAccess, runLog } from './run-plugins.js';

const EMPTY = { _format_version: '3.0', _transform: true, consumers: [], keyauth_credentials: [], basicauth_credentials: [], hmacauth_credentials: [], jwt_secrets: [], acls: [] } as unknown as NormalizedConfig;

function context(): RequestPluginContext {
  const head: RequestHead = {
    method: 'GET', url: '/', query: '', headers: [], remoteAddress: '127.0.0.1', localPort: 8000, requestId: 'r'.repeat(32),
    startedAt: performance.now(), headBytes: 0, longestHeaderLine: 0, body: null, aborted: false, onAbort: null,
  };
  return new RequestPluginContext(head, head.requestId, null, null, buildConsumerDirectory(EMPTY));
}

const step = (name: string, handlers: PluginHandlers): PipelineStep => {
  const instance: PluginInstance = { id: name, name, priority: 1, handlers };
  return { name, priority: 1, fallback: instance, byConsumer: null };
};

test('synchronous handlers run without a promise; the first reply stops the chain', () => {
  const ran: string[] = [];
  const result = runAccess([
    step('a', { access: () => void ran.push('a') }),
    step('b', { access: () => (ran.push('b'), { kind: 'exit', status: 418 }) }),
    step('c', { access: () => void ran.push('c') }),
  ], context());
  assert.ok(!(result instanceof Promise));
  assert.deepEqual(result, { kind: 'exit', status: 418 });
  assert.deepEqual(ran, ['a', 'b']);
});

test('an async handler continues the chain after it resolves', async () => {
  const ran: string[] = [];
  const result = runAccess([
    step('a', { access: async () => void ran.push('a') }),
    step('b', { access: () => void ran.push('b') }),
  ], context());
  assert.ok(result instanceof Promise);
  assert.equal(await result, undefined);
  assert.deepEqual(ran, ['a', 'b']);
});

test('a handler that throws or rejects becomes a PluginFailure naming the plugin', async () => {
  assert.throws(() => runAccess([step('boom', { access: () => { throw new Error('x'); } })], context()), (e: unknown) => e instanceof PluginFailure && e.plugin === 'boom');
  await assert.rejects(Promise.resolve(runAccess([step('later', { access: async () => { throw new Error('y'); } })], context())), (e: unknown) => e instanceof PluginFailure && e.plugin === 'later');
});

test('the log phase runs every plugin and contains failures', () => {
  const seen: RequestOutcome[] = [];
  const failures: PluginFailure[] = [];
  const outcome: RequestOutcome = { status: 200, upstreamStatus: 200, source: 'upstream', totalLatency: 1, upstreamLatency: 1, bytesOut: 3, error: null };
  runLog([
    step('bad', { log: () => { throw new Error('z'); } }),
    step('good', { log: (_ctx, o) => void seen.push(o) }),
  ], context(), outcome, (e) => failures.push(e));
  assert.deepEqual(seen, [outcome]);
  assert.equal(failures[0].plugin, 'bad');
});
