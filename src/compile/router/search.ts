/**
 * The hot path: find the best-ranked matcher for one request through the
 * host and path indexes. One mutable SearchState per router is reused
 * (matching is synchronous), so a search allocates nothing but the host-name
 * string and, for regexes, their exec results.
 */
import type { CompiledVariant } from './compiled-variant.js';
import { headerRuleMatches, hostRuleMatches, sniMatches } from './conditions.js';
import { forEachHostBucket, type HostIndex } from './host-index.js';
import type { PathEntry, PathIndex } from './path-index.js';
import { childAlong, NODE_STRIDE } from './compact-tree.js';
import type { MatchRequest } from './types.js';

export interface SearchState {
  method: string;
  hostName: string;
  hostPort: number;
  path: string;
  scheme: string;
  sni: string | undefined;
  headers: ReadonlyMap<string, string | string[]>;
  /** set when a header condition was evaluated: the answer then depends on headers */
  headersConsulted: boolean;
  bestOrder: number;
  best: PathEntry | null;
  bestPrefix: string | null;
  bestExec: RegExpExecArray | null;
}

export const newSearchState = (): SearchState => ({
  method: '', hostName: '', hostPort: 0, path: '', scheme: 'http', sni: undefined, headers: new Map(),
  headersConsulted: false, bestOrder: Infinity, best: null, bestPrefix: null, bestExec: null,
});

function resetResult(s: SearchState): void {
  s.headersConsulted = false;
  s.bestOrder = Infinity;
  s.best = null;
  s.bestPrefix = null;
  s.bestExec = null;
}

/** Load a request into the state and clear the previous answer. */
export function fillSearchState(s: SearchState, req: MatchRequest, normalizedPath: string): void {
  resetResult(s);
  const host = req.host;
  const colon = host.indexOf(':');
  const sentPort = colon < 0 ? -1 : portAfter(host, colon + 1);
  s.hostName = (sentPort < 0 ? host : host.slice(0, colon)).toLowerCase();
  s.hostPort = sentPort < 0 ? req.port : sentPort;
  s.method = req.method;
  s.path = normalizedPath;
  s.scheme = req.scheme;
  s.sni = req.sni;
  s.headers = req.headers;
}

/** The number made of the digits from `from` to the end, or -1 (Kong: the port after the first ':'). */
function portAfter(host: string, from: number): number {
  if (from >= host.length) return -1;
  let port = 0;
  for (let i = from; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    port = port * 10 + (c - 48);
  }
  return port;
}

export function search(index: HostIndex, s: SearchState): void {
  forEachHostBucket(index, s.hostName, s, searchPathIndex);
}

function searchPathIndex(index: PathIndex, s: SearchState): void {
  if (index.minOrder >= s.bestOrder) return;
  const tree = index.tree;
  const path = s.path;
  let n = 0;
  let pos = 0;
  for (;;) {
    const at = n * NODE_STRIDE;
    const list = tree.nodes[at + 4];
    if (list >= 0) tryEntries(tree.valueLists[list], s);
    pos += tree.nodes[at + 1];
    if (pos >= path.length) break;
    n = childAlong(tree, n, path, pos);
    if (n < 0) break;
  }
  tryEntries(index.unanchored, s);
  tryEntries(index.anyPath, s);
}

/** Entries are in order: stop at the first that cannot beat the best so far. */
function tryEntries(entries: readonly PathEntry[], s: SearchState): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.order >= s.bestOrder) return;
    if (tryEntry(e, s)) return;
  }
}

function tryEntry(e: PathEntry, s: SearchState): boolean {
  const v = e.variant;
  if (!requestConditionsMatch(v, s, e.checkHosts)) return false;
  let exec: RegExpExecArray | null = null;
  if (e.regex !== null) {
    exec = e.regex.exec(s.path);
    if (exec === null) return false;
  }
  if (v.headers !== null && !headersMatch(v, s)) return false;
  s.bestOrder = e.order;
  s.best = e;
  s.bestExec = exec;
  s.bestPrefix = exec !== null ? exec[0] : e.prefix;
  return true;
}

/** Methods, snis and (unless the host bucket proved them) hosts with ports: everything but the path and the headers. */
export function requestConditionsMatch(v: CompiledVariant, s: SearchState, checkHosts = true): boolean {
  if (v.methods !== null && !v.methods.has(s.method)) return false;
  if (v.snis !== null && !sniMatches(v.snis, s.scheme, s.sni)) return false;
  if (v.hosts === null || !checkHosts) return true;
  for (let i = 0; i < v.hosts.length; i++) if (hostRuleMatches(v.hosts[i], s.hostName, s.hostPort)) return true;
  return false;
}

export function headersMatch(v: CompiledVariant, s: SearchState): boolean {
  s.headersConsulted = true;
  for (const rule of v.headers!) if (!headerRuleMatches(rule, s.headers)) return false;
  return true;
}
