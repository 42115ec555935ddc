import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import type { Snapshot } from '../../compile/compile-snapshot.js';
import { copyRequestHead, headerValue, rejectHead, type RequestHead } from './request-head.js';
import { replyExit, replyRequestError } from './local-reply.js';
import { HeaderView } from './header-view.js';
import { buildUpstreamHeaders } from '../proxy/upstream-headers.js';
import { forward, type ForwardHooks, type ForwardResult } from '../proxy/forward.js';
import { planRequest, type TargetPicker } from '../proxy/plan-request.js';
import type { UpstreamPools } from '../proxy/pools.js';
import type { Balancers } from '../proxy/balancer.js';
import { COUNTER, type SharedCounters } from '../counters.js';

/** What a worker's request handler reads: the Snapshot reference and the long-lived registries. */
export interface ProxyContext {
  current(): Snapshot;
  pools: UpstreamPools;
  balancers: Balancers;
  counters: SharedCounters;
  /** Log phase: once per request, after the response (or failure). */
  onRequestEnd?(result: ForwardResult | { head: RequestHead; status: number; error: string }): void;
}

/** The uWS `any('/*')` handler: take the Snapshot once, route, pick a target, forward. */
export function createProxyHandler(ctx: ProxyContext, localPort: () => number): (res: HttpResponse, req: HttpRequest) => void {
  const hooks: ForwardHooks = {
    pools: ctx.pools,
    onEnd: (result) => {
      ctx.counters.add(COUNTER.activeRequests, -1);
      ctx.onRequestEnd?.(result);
    },
  };
  const pickTarget: TargetPicker = (service) => (service.upstream ? ctx.balancers.pick(service.upstream) : service);
  return (res, req) => {
    const snapshot = ctx.current();
    const head = copyRequestHead(res, req, localPort());
    ctx.counters.add(COUNTER.totalRequests, 1);
    ctx.counters.add(COUNTER.activeRequests, 1);
    try {
      if (!proxyRequest(res, head, snapshot, pickTarget, hooks)) ctx.counters.add(COUNTER.activeRequests, -1);
    } catch (err) {
      ctx.counters.add(COUNTER.activeRequests, -1);
      replyRequestError(res, head, 'internal-error');
      ctx.onRequestEnd?.({ head, status: 500, error: String(err) });
    }
  };
}

/** Returns true when the request was handed to the forwarder (which ends it), false when answered here. */
function proxyRequest(res: HttpResponse, head: RequestHead, snapshot: Snapshot, pickTarget: TargetPicker, hooks: ForwardHooks): boolean {
  const rejected = rejectHead(head);
  if (rejected) {
    replyRequestError(res, head, rejected);
    return false;
  }
  const plan = planRequest(snapshot, {
    method: head.method, host: headerValue(head, 'host') ?? '', port: head.localPort, path: head.url, query: head.query,
    headers: new HeaderView(head.headers), scheme: 'http',
  }, pickTarget);
  if (plan.kind === 'error') {
    replyRequestError(res, head, plan.code);
    return false;
  }
  if (plan.kind === 'redirect') {
    replyExit(res, head, plan.status, undefined, [['Location', plan.location]]);
    return false;
  }
  const hasBody = head.body !== null;
  forward(res, head, {
    origin: plan.origin,
    method: head.method,
    path: plan.path,
    headers: buildUpstreamHeaders(head, { host: plan.hostHeader, scheme: 'http', forwardedPrefix: plan.forwardedPrefix, withBody: hasBody }),
    connectTimeout: plan.service.connectTimeout,
    writeTimeout: plan.service.writeTimeout,
    readTimeout: plan.service.readTimeout,
    requestBody: hasBody ? 'stream' : 'none',
  }, hooks);
  return true;
}
