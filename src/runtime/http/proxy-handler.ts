import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import type { Snapshot } from '../../compile/compile-snapshot.js';
import type { CompiledService } from '../../compile/compile-services.js';
import type { RouteMatch } from '../../compile/router/index.js';
import { upstreamPath } from '../../compile/router/index.js';
import { copyRequestHead, headerValue, rejectHead, type RequestHead } from './request-head.js';
import { replyExit, replyRequestError } from './local-reply.js';
import { HeaderView } from './header-view.js';
import { buildUpstreamHeaders, requestHost } from '../proxy/upstream-headers.js';
import { forward, type ForwardHooks, type ForwardResult } from '../proxy/forward.js';
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

/** The uWS `any('/*')` handler: route, pick a target, forward. */
export function createProxyHandler(ctx: ProxyContext, localPort: () => number): (res: HttpResponse, req: HttpRequest) => void {
  const hooks: ForwardHooks = {
    pools: ctx.pools,
    onEnd: (result) => {
      ctx.counters.add(COUNTER.activeRequests, -1);
      ctx.onRequestEnd?.(result);
    },
  };
  return (res, req) => {
    const snapshot = ctx.current();
    const head = copyRequestHead(res, req, localPort());
    ctx.counters.add(COUNTER.totalRequests, 1);
    ctx.counters.add(COUNTER.activeRequests, 1);
    try {
      if (!proxyRequest(res, head, snapshot, ctx, hooks)) ctx.counters.add(COUNTER.activeRequests, -1);
    } catch (err) {
      ctx.counters.add(COUNTER.activeRequests, -1);
      replyRequestError(res, head, 'internal-error');
      ctx.onRequestEnd?.({ head, status: 500, error: String(err) });
    }
  };
}

/** Returns true when the request was handed to the forwarder (which ends it), false when answered here. */
function proxyRequest(res: HttpResponse, head: RequestHead, snapshot: Snapshot, ctx: ProxyContext, hooks: ForwardHooks): boolean {
  const rejected = rejectHead(head);
  if (rejected) return answer(res, head, rejected);
  const match = snapshot.router.match({
    method: head.method, host: requestHost(head), port: head.localPort, path: head.url,
    headers: new HeaderView(head.headers), scheme: 'http',
  });
  if (!match) return answer(res, head, 'no-route');
  const route = match.route;
  if (route.protocols.includes('https') && !route.protocols.includes('http')) return httpsRequired(res, head, route.https_redirect_status_code);
  const service = route.service === null ? undefined : snapshot.services.get(route.service);
  if (!service) return answer(res, head, 'no-service');
  const target = pickTarget(service, ctx);
  if (!target) return answer(res, head, 'no-healthy-target');
  const origin = `${service.protocol === 'https' ? 'https' : 'http'}://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const hasBody = head.body !== null;
  forward(res, head, {
    origin,
    method: head.method,
    path: upstreamPath(service.path, route, match, head.query === '' ? '' : `?${head.query}`, 'traditional'),
    headers: buildUpstreamHeaders(head, {
      host: upstreamHost(head, route.preserve_host, service, target),
      scheme: 'http',
      forwardedPrefix: forwardedPrefix(match),
      withBody: hasBody,
    }),
    connectTimeout: service.connectTimeout,
    writeTimeout: service.writeTimeout,
    readTimeout: service.readTimeout,
    requestBody: hasBody ? 'stream' : 'none',
  }, hooks);
  return true;
}

function answer(res: HttpResponse, head: RequestHead, code: Parameters<typeof replyRequestError>[2]): false {
  replyRequestError(res, head, code);
  return false;
}

/** An https-only route reached over http: 426, or a redirect with `https_redirect_status_code`. */
function httpsRequired(res: HttpResponse, head: RequestHead, status: number): false {
  if (status === 426) return answer(res, head, 'https-required');
  const host = headerValue(head, 'host') ?? '';
  const uri = head.query === '' ? head.url : `${head.url}?${head.query}`;
  replyExit(res, head, status, undefined, [['Location', `https://${host.replace(/:\d+$/, '')}${uri}`]]);
  return false;
}

function pickTarget(service: CompiledService, ctx: ProxyContext): { host: string; port: number } | undefined {
  if (!service.upstream) return { host: service.host, port: service.port };
  return ctx.balancers.pick(service.upstream);
}

/** Kong §4.4: client Host with preserve_host, else the upstream's host_header, else target[:port]. */
function upstreamHost(head: RequestHead, preserve: boolean, service: CompiledService, target: { host: string; port: number }): string {
  if (preserve) {
    const sent = headerValue(head, 'host');
    if (sent !== undefined) return sent;
  }
  if (service.upstream?.hostHeader) return service.upstream.hostHeader;
  const defaultPort = service.protocol === 'https' || service.protocol === 'grpcs' ? 443 : 80;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return target.port === defaultPort ? host : `${host}:${target.port}`;
}

function forwardedPrefix(match: RouteMatch): string | undefined {
  const prefix = match.route.strip_path ? match.matchedPrefix : null;
  return prefix && prefix !== '/' ? prefix : undefined;
}
