/**
 * Kong's traditional_compatible router splits a route whose paths differ in
 * kind or length into one matcher per path group: all regex paths form one
 * group, and prefix paths form one group per length (kong/router/transform.lua,
 * split_routes_and_services_by_path). Each group then ranks on its own.
 */
import type { NormalizedRoute } from '../../config/types.js';
import { uuidV5 } from '../../config/normalize/uuid-v5.js';

/** Namespace Kong uses for the ids of split routes (uuid v5 of `<route id>#<group index>`). */
const SPLIT_ROUTE_NAMESPACE = '7f145bf9-0dce-4f91-98eb-debbce4b9f6b';

const HTTP_PROTOCOLS = new Set(['http', 'https', 'grpc', 'grpcs']);

export interface RouteVariant {
  readonly route: NormalizedRoute;
  /** the matcher id: the route id, or Kong's derived id when the route is split */
  readonly id: string;
  /** this group's paths as written (all regex, or all prefixes of one length); null when the route has no paths */
  readonly paths: readonly string[] | null;
  readonly isRegex: boolean;
}

/** Routes served by the HTTP router: protocols http/https/grpc/grpcs (stream routes are left out). */
export function isHttpRoute(route: NormalizedRoute): boolean {
  return route.protocols.some((p) => HTTP_PROTOCOLS.has(p));
}

export const isRegexPath = (path: string): boolean => path.charCodeAt(0) === 126; /* ~ */

/** Length Kong compares: bytes of the path as written. */
export const pathByteLength = (path: string): number => Buffer.byteLength(path, 'utf8');

export function splitRoute(route: NormalizedRoute): RouteVariant[] {
  const paths = route.paths;
  if (!paths || paths.length === 0) return [{ route, id: route.id, paths: null, isRegex: false }];
  const groups = groupPaths(paths);
  if (groups.length === 1) return [{ route, id: route.id, paths: [...paths], isRegex: isRegexPath(paths[0]) }];
  return groups.map((group, i) => ({
    route,
    id: uuidV5(SPLIT_ROUTE_NAMESPACE, `${route.id}#${i + 1}`),
    paths: group,
    isRegex: isRegexPath(group[0]),
  }));
}

/** Path groups in order of first appearance: regexes together, prefixes by byte length. */
function groupPaths(paths: readonly string[]): string[][] {
  const byKey = new Map<string, string[]>();
  for (const p of paths) {
    const key = isRegexPath(p) ? 'regex' : String(pathByteLength(p));
    const group = byKey.get(key);
    if (group) group.push(p);
    else byKey.set(key, [p]);
  }
  return [...byKey.values()];
}

export function splitHttpRoutes(routes: readonly NormalizedRoute[]): RouteVariant[] {
  const out: RouteVariant[] = [];
  for (const r of routes) if (isHttpRoute(r)) out.push(...splitRoute(r));
  return out;
}
