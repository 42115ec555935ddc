import type { Snapshot } from '../../compile/compile-snapshot.js';
import type { CompiledService } from '../../compile/compile-services.js';
import { upstreamPath, type MatchRequest, type RouteMatch } from '../../compile/router/index.js';
import type { RequestErrorCode } from '../../errors/catalog.js';

/** The request as routing sees it. */
export interface PlanInput extends MatchRequest {
  /** raw query without `?`; '' when none */
  query: string;
}

export type RequestPlan =
  | { kind: 'error'; code: RequestErrorCode; match: RouteMatch | null }
  | { kind: 'redirect'; status: number; location: string; match: RouteMatch }
  | {
      kind: 'forward';
      match: RouteMatch;
      service: CompiledService;
      target: { host: string; port: number };
      origin: string;
      /** upstream path + query */
      path: string;
      hostHeader: string;
      /** set when strip_path removed a prefix other than `/` */
      forwardedPrefix: string | undefined;
    };

export type TargetPicker = (service: CompiledService) => { host: string; port: number } | undefined;

/**
 * Decide what happens to a request (kong-format.md §4.1): no route → 404,
 * https-only route over http → 426 or redirect, no service → 503, no target
 * → 503, else the exact upstream request. Shared by the proxy and `explain`.
 */
export function planRequest(snapshot: Snapshot, req: PlanInput, pickTarget: TargetPicker): RequestPlan {
  const routed = routeRequest(snapshot, req);
  return routed.kind === 'matched' ? planUpstream(snapshot, req, routed.match, pickTarget) : routed;
}

/** The first half (before the plugins run): the route, or Kong's answer when there is none or the scheme is wrong. */
export function routeRequest(snapshot: Snapshot, req: PlanInput): Exclude<RequestPlan, { kind: 'forward' }> | { kind: 'matched'; match: RouteMatch } {
  const match = snapshot.router.match(req);
  if (!match) return { kind: 'error', code: 'no-route', match: null };
  const route = match.route;
  if (req.scheme === 'http' && route.protocols.includes('https') && !route.protocols.includes('http')) {
    if (route.https_redirect_status_code === 426) return { kind: 'error', code: 'https-required', match };
    const uri = req.query === '' ? req.path : `${req.path}?${req.query}`;
    return { kind: 'redirect', status: route.https_redirect_status_code, location: `https://${req.host.replace(/:\d+$/, '')}${uri}`, match };
  }
  return { kind: 'matched', match };
}

/** The second half (after the plugins): service, target, and the exact upstream request. */
export function planUpstream(snapshot: Snapshot, req: PlanInput, match: RouteMatch, pickTarget: TargetPicker): Exclude<RequestPlan, { kind: 'redirect' }> {
  const route = match.route;
  const service = route.service === null ? undefined : snapshot.services.get(route.service);
  if (!service) return { kind: 'error', code: 'no-service', match };
  const target = pickTarget(service);
  if (!target) return { kind: 'error', code: 'no-healthy-target', match };
  const names = targetNames(service, target);
  const prefix = route.strip_path ? match.matchedPrefix : null;
  return {
    kind: 'forward',
    match,
    service,
    target,
    origin: names.origin,
    // Kong's default router (traditional_compatible) joins paths the v0 way whatever path_handling says; so does gatewayd (lint warns about v1).
    path: upstreamPath(service.path, route, match, req.query === '' ? '' : `?${req.query}`),
    hostHeader: upstreamHost(req, route.preserve_host, service, names),
    forwardedPrefix: prefix && prefix !== '/' ? prefix : undefined,
  };
}

/** Kong §4.4: client Host with preserve_host, else the upstream's host_header, else target[:port]. */
function upstreamHost(req: PlanInput, preserve: boolean, service: CompiledService, names: TargetNames): string {
  if (preserve && req.host !== '') return req.host;
  if (service.upstream?.hostHeader) return service.upstream.hostHeader;
  return names.hostHeader;
}

/** A target's origin and default Host header as one service reaches it. */
interface TargetNames {
  readonly service: CompiledService;
  readonly host: string;
  readonly port: number;
  /** `http://host:port` (IPv6 in brackets): the pool key */
  readonly origin: string;
  /** target[:port], the port left out when it is the scheme's default */
  readonly hostHeader: string;
}

/**
 * Built once per (service, target) instead of per request: the same origin
 * string instance then reaches UpstreamPools' Map lookup every time (its hash
 * is cached in the string), which saves ~0.15 µs per request over building a
 * fresh string each time. Targets are the Snapshot's (frozen) objects; the
 * entry is checked against service, host and port, so a changed one is rebuilt.
 */
const targetNamesCache = new WeakMap<object, TargetNames>();

/** `http(s)://host:port` (IPv6 in brackets): how a service reaches a target, and the key of its pool. */
export function upstreamOrigin(service: CompiledService, target: { host: string; port: number }): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${service.protocol === 'https' ? 'https' : 'http'}://${host}:${target.port}`;
}

function targetNames(service: CompiledService, target: { host: string; port: number }): TargetNames {
  const cached = targetNamesCache.get(target);
  if (cached !== undefined && cached.service === service && cached.host === target.host && cached.port === target.port) return cached;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const defaultPort = service.protocol === 'https' || service.protocol === 'grpcs' ? 443 : 80;
  const names: TargetNames = {
    service,
    host: target.host,
    port: target.port,
    origin: upstreamOrigin(service, target),
    hostHeader: target.port === defaultPort ? host : `${host}:${target.port}`,
  };
  targetNamesCache.set(target, names);
  return names;
}
