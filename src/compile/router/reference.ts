/**
 * A naive reference matcher for the conformance tests: every route, every
 * path group, every condition checked in the plainest way, then the matches
 * sorted with the router's comparator (rank.ts). It shares only the path
 * normalization, the per-path-group split and the comparator with the real
 * router; everything else is written again on purpose.
 */
import type { NormalizedRoute } from '../../config/types.js';
import { normalizePath } from '../../config/route-path.js';
import { compareRank, rankKeyOf } from './rank.js';
import { splitRoute } from './variants.js';
import type { MatchRequest, RouteCaptures, RouteMatch } from './types.js';

interface Candidate {
  match: RouteMatch;
  key: ReturnType<typeof rankKeyOf>;
}

export function referenceMatch(routes: readonly NormalizedRoute[], req: MatchRequest): RouteMatch | null {
  const path = normalizePath(req.path);
  const candidates: Candidate[] = [];
  for (const route of routes) {
    const isHttp = route.protocols.includes('http') || route.protocols.includes('https') ||
      route.protocols.includes('grpc') || route.protocols.includes('grpcs');
    if (!isHttp) continue;
    if (!methodOk(route, req) || !hostOk(route, req) || !sniOk(route, req) || !headersOk(route, req)) continue;
    for (const variant of splitRoute(route)) {
      const found = pathMatch(variant.paths, path);
      if (found === undefined) continue;
      candidates.push({ match: { route, normalizedPath: path, ...found }, key: rankKeyOf(variant) });
    }
  }
  candidates.sort((a, b) => compareRank(a.key, b.key));
  return candidates.length > 0 ? candidates[0].match : null;
}

function methodOk(route: NormalizedRoute, req: MatchRequest): boolean {
  if (!route.methods || route.methods.length === 0) return true;
  return route.methods.includes(req.method);
}

/** host[:port] as Kong splits it: the port follows the first ':' and is all digits. */
function splitHost(value: string): [string, number | null] {
  const m = /^([^:]*):(\d+)$/.exec(value);
  return m ? [m[1], Number(m[2])] : [value, null];
}

function hostOk(route: NormalizedRoute, req: MatchRequest): boolean {
  if (!route.hosts || route.hosts.length === 0) return true;
  const [name, sentPort] = splitHost(req.host.toLowerCase());
  const port = sentPort ?? req.port;
  return route.hosts.some((h) => {
    const [pattern, wantPort] = splitHost(h.toLowerCase());
    if (wantPort !== null && wantPort !== port) return false;
    if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1));
    if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
    return name === pattern;
  });
}

function sniOk(route: NormalizedRoute, req: MatchRequest): boolean {
  if (!route.snis || route.snis.length === 0 || req.scheme !== 'https') return true;
  if (req.sni === undefined) return false;
  const wanted = route.snis.map((s) => s.toLowerCase().replace(/(.)\.$/, '$1'));
  return wanted.includes(req.sni.toLowerCase());
}

function headersOk(route: NormalizedRoute, req: MatchRequest): boolean {
  if (!route.headers) return true;
  return Object.entries(route.headers).every(([name, wanted]) => {
    const sent = req.headers.get(name.toLowerCase().split('_').join('-'));
    if (sent === undefined) return false;
    const values = (Array.isArray(sent) ? sent : [sent]).map((v) => v.toLowerCase());
    return values.some((v) => wanted.some((w) => headerValueOk(w, v)));
  });
}

function headerValueOk(wanted: string, value: string): boolean {
  if (wanted.startsWith('~*')) return new RegExp(wanted.slice(2).toLowerCase()).test(value);
  return wanted.toLowerCase() === value;
}

type PathFound = Pick<RouteMatch, 'matchedPrefix' | 'captures'>;

/** undefined: no path of the group matches; paths tried in the order written. */
function pathMatch(paths: readonly string[] | null, path: string): PathFound | undefined {
  if (paths === null) return { matchedPrefix: null, captures: null };
  for (const p of paths) {
    if (p.startsWith('~')) {
      const m = new RegExp('^' + p.slice(1)).exec(path);
      if (m) return { matchedPrefix: m[0], captures: capturesFrom(m) };
    } else if (path.startsWith(normalizePath(p))) {
      return { matchedPrefix: normalizePath(p), captures: null };
    }
  }
  return undefined;
}

function capturesFrom(m: RegExpExecArray): RouteCaptures | null {
  if (m.length === 1) return null;
  const named: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) named[k] = v;
  return { named, unnamed: m.slice(1).map((v) => v ?? '') };
}
