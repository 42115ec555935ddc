import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import type { Snapshot } from '../../compile/compile-snapshot.js';
import type { Pipeline } from '../../compile/pipeline/route-pipelines.js';
import type { RouteMatch } from '../../compile/router/index.js';
import { copyRequestHead, headerValue, rejectHead, type RequestHead } from './request-head.js';
import { replyExit, replyRequestError } from './local-reply.js';
import { HeaderView } from './header-view.js';
import { buildUpstreamHeaders } from '../proxy/upstream-headers.js';
import { forward, type ForwardHooks, type ForwardResult } from '../proxy/forward.js';
import { planUpstream, routeRequest, type PlanInput, type TargetPicker } from '../proxy/plan-request.js';
import type { UpstreamPools } from '../proxy/pools.js';
import type { Balancers } from '../proxy/balancer.js';
import { COUNTER, type SharedCounters } from '../counters.js';
import { RequestPluginContext, applyHeaderEdits, upstreamQuery } from './plugin-context.js';
import { runAccess, PluginFailure } from './run-plugins.js';
import { logLocalReply, pluginResponseHooks, replyFromPlugin, replyErrorWithPluginHeaders } from './plugin-replies.js';
import { requestError } from '../../errors/catalog.js';

/** What a worker's request handler reads: the Snapshot reference and the long-lived registries. */
export interface ProxyContext {
  current(): Snapshot;
  pools: UpstreamPools;
  balancers: Balancers;
  counters: SharedCounters;
  /** Log phase: once per request, after the response (or failure). */
  onRequestEnd?(result: ForwardResult | { head: RequestHead; status: number; error: string }): void;
  /** Errors worth an operator's attention (a plugin that threw). */
  logError?(msg: string, fields: Record<string, unknown>): void;
}

interface Env {
  ctx: ProxyContext;
  hooks: ForwardHooks;
  pickTarget: TargetPicker;
  /** a plugin failed where the request cannot fail any more (log phase): log it */
  reportPlugin: (err: PluginFailure) => void;
}

/** The uWS `any('/*')` handler: take the Snapshot once, route, run the route's plugins, pick a target, forward. */
export function createProxyHandler(ctx: ProxyContext, localPort: () => number): (res: HttpResponse, req: HttpRequest) => void {
  const env: Env = {
    ctx,
    hooks: { pools: ctx.pools, onEnd: (result) => ended(ctx, result) },
    pickTarget: (service) => (service.upstream ? ctx.balancers.pick(service.upstream) : service),
    reportPlugin: (err) => ctx.logError?.(`plugin '${err.plugin}' failed in the log phase`, { err: (err.cause as Error)?.stack ?? String(err.cause) }),
  };
  return (res, req) => {
    const snapshot = ctx.current();
    const head = copyRequestHead(res, req, localPort());
    ctx.counters.add(COUNTER.totalRequests, 1);
    ctx.counters.add(COUNTER.activeRequests, 1);
    try {
      handle(res, head, snapshot, env);
    } catch (err) {
      fail(res, head, env, err);
    }
  };
}

function ended(ctx: ProxyContext, result: ForwardResult | { head: RequestHead; status: number; error: string }): void {
  ctx.counters.add(COUNTER.activeRequests, -1);
  ctx.onRequestEnd?.(result);
}

/** Answered by gatewayd itself: write it, and count the request as done. */
function local(env: Env, head: RequestHead, write: () => void): void {
  write();
  env.ctx.counters.add(COUNTER.activeRequests, -1);
}

function fail(res: HttpResponse, head: RequestHead, env: Env, err: unknown): void {
  const plugin = err instanceof PluginFailure ? err.plugin : undefined;
  env.ctx.logError?.(plugin ? `plugin '${plugin}' failed` : 'request failed', { err: (err as Error)?.stack ?? String(err), request_id: head.requestId });
  local(env, head, () => replyRequestError(res, head, plugin ? 'plugin-failed' : 'internal-error'));
}

function handle(res: HttpResponse, head: RequestHead, snapshot: Snapshot, env: Env): void {
  const rejected = rejectHead(head);
  if (rejected) return local(env, head, () => replyRequestError(res, head, rejected));
  const input: PlanInput = {
    method: head.method, host: headerValue(head, 'host') ?? '', port: head.localPort, path: head.url, query: head.query,
    headers: new HeaderView(head.headers), scheme: 'http',
  };
  const routed = routeRequest(snapshot, input);
  if (routed.kind === 'error') return local(env, head, () => replyRequestError(res, head, routed.code));
  if (routed.kind === 'redirect') return local(env, head, () => replyExit(res, head, routed.status, undefined, [['Location', routed.location]]));
  const pipeline = snapshot.pipelines.get(routed.match.route.id);
  if (!pipeline) return toUpstream(res, head, snapshot, input, routed.match, env, null, null);
  const service = routed.match.route.service === null ? undefined : snapshot.services.get(routed.match.route.service);
  const plugins = new RequestPluginContext(
    head, head.requestId, { id: routed.match.route.id, name: routed.match.route.name },
    service ? { id: service.id, name: service.name } : null, snapshot.consumers,
  );
  const after = (reply: Awaited<ReturnType<typeof runAccess>>) => {
    if (!reply) return toUpstream(res, head, snapshot, input, routed.match, env, pipeline, plugins);
    local(env, head, () => replyFromPlugin(res, head, reply, pipeline, plugins));
    logLocalReply(pipeline, plugins, head, reply.status, env.reportPlugin);
  };
  const result = runAccess(pipeline, plugins);
  if (result instanceof Promise) {
    result.then(after).catch((err: unknown) => fail(res, head, env, err));
  } else after(result);
}

/** After the access phase: service, target, the upstream request with the plugins' edits, forward. */
function toUpstream(
  res: HttpResponse, head: RequestHead, snapshot: Snapshot, input: PlanInput, match: RouteMatch, env: Env,
  pipeline: Pipeline | null, plugins: RequestPluginContext | null,
): void {
  const query = plugins ? upstreamQuery(head.query, plugins.queryRemovals) : head.query;
  const plan = planUpstream(snapshot, query === head.query ? input : { ...input, query }, match, env.pickTarget);
  if (plan.kind === 'error') {
    if (!plugins) return local(env, head, () => replyRequestError(res, head, plan.code));
    local(env, head, () => replyErrorWithPluginHeaders(res, head, plan.code, pipeline!, plugins));
    return logLocalReply(pipeline!, plugins, head, requestError(plan.code).status, env.reportPlugin);
  }
  const body = plugins?.body ?? undefined;
  const hasBody = body !== undefined ? body.length > 0 : head.body !== null;
  const edits = plugins?.headerEdits;
  const sentHead = edits ? { ...head, headers: applyHeaderEdits(head.headers, edits) } : head;
  forward(res, head, {
    origin: plan.origin,
    method: head.method,
    path: plan.path,
    headers: buildUpstreamHeaders(sentHead, { host: plan.hostHeader, scheme: 'http', forwardedPrefix: plan.forwardedPrefix, withBody: hasBody }),
    connectTimeout: plan.service.connectTimeout,
    writeTimeout: plan.service.writeTimeout,
    readTimeout: plan.service.readTimeout,
    requestBody: body !== undefined ? 'none' : hasBody ? 'stream' : 'none',
    body,
  }, plugins ? pluginResponseHooks(env.hooks, pipeline!, plugins, env.reportPlugin) : env.hooks);
}
