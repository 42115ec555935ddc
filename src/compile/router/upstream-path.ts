/**
 * The upstream request path (kong-format.md §4.3; kong/router/utils.lua
 * get_upstream_uri_v0 and the v1 branch of kong/router/traditional.lua):
 * the service path joined with the request path, minus the matched prefix
 * when the route strips it, re-escaped, with the raw query appended as sent.
 */
import type { NormalizedRoute } from '../../config/types.js';
import { escapeUpstreamPath } from '../../config/route-path.js';
import type { RouteMatch } from './types.js';

/** traditional_compatible (Kong 3.x default) always joins like `v0`; only `traditional` honours `path_handling: v1`. */
export type RouterFlavor = 'traditional_compatible' | 'traditional';

/**
 * @param rawQuery the query as sent including its `?` (an empty `?` is kept), or '' when there is none
 */
export function upstreamPath(
  servicePath: string | null,
  route: NormalizedRoute,
  match: RouteMatch,
  rawQuery: string,
  flavor: RouterFlavor = 'traditional_compatible',
): string {
  const base = servicePath ?? '/';
  const requestPath = match.normalizedPath;
  const prefix = route.strip_path ? match.matchedPrefix : null;
  const postfix = sanitizePostfix(prefix !== null ? requestPath.slice(prefix.length) : requestPath.slice(1));
  const joined =
    flavor === 'traditional' && route.path_handling === 'v1'
      ? joinV1(base, route.strip_path, postfix, requestPath)
      : joinV0(base, route.strip_path, postfix, requestPath);
  return escapeUpstreamPath(joined) + rawQuery;
}

/** Kong's sanitize_uri_postfix: drop a leading `./` or `../`, and a remainder of `.` or `..`. */
export function sanitizePostfix(postfix: string): string {
  if (postfix === '.' || postfix === '..') return '';
  if (postfix.startsWith('./')) return postfix.slice(2);
  if (postfix.startsWith('../')) return postfix.slice(3);
  return postfix;
}

export function joinV0(base: string, strip: boolean, postfix: string, requestPath: string): string {
  if (base.endsWith('/')) {
    if (!strip) return base + requestPath.slice(1);
    if (postfix === '') {
      if (base === '/') return '/';
      return requestPath.endsWith('/') ? base : base.slice(0, -1);
    }
    return postfix.startsWith('/') ? base.slice(0, -1) + postfix : base + postfix;
  }
  if (!strip) return requestPath === '/' ? base : base + requestPath;
  if (postfix === '') return requestPath.length > 1 && requestPath.endsWith('/') ? base + '/' : base;
  return postfix.startsWith('/') ? base + postfix : base + '/' + postfix;
}

export function joinV1(base: string, strip: boolean, postfix: string, requestPath: string): string {
  if (!strip) return base + requestPath.slice(1);
  return base.endsWith('/') && postfix.startsWith('/') ? base.slice(0, -1) + postfix : base + postfix;
}
