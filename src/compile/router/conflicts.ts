/**
 * Lint: routes that can never match, and routes that tie. A matcher V is
 * shadowed by W when W ranks higher and provably matches every request V
 * matches (covers.ts); a route is shadowed when all its path groups are. Two
 * matchers tie when they rank the same on every rule but the id and one
 * covers the other: which one answers is then decided by the ids alone.
 * Candidates come from the router's own host and path indexes, so this stays
 * far from a comparison of every pair.
 */
import type { NormalizedRoute } from '../../config/types.js';
import { compileVariants, type CompiledVariant } from './compiled-variant.js';
import { covers } from './covers.js';
import { buildHostIndex, forEachHostBucket, type HostIndex } from './host-index.js';
import type { PathEntry, PathIndex } from './path-index.js';
import { valuesAlong } from './compact-tree.js';
import { tiesExceptId } from './rank.js';
import { regexLiteralPrefix } from './regex-literal.js';

export interface RouteConflicts {
  shadowed: { route: NormalizedRoute; by: NormalizedRoute }[];
  /** `a` wins on id over `b` */
  ties: { a: NormalizedRoute; b: NormalizedRoute }[];
}

export function findRouteConflicts(routes: readonly NormalizedRoute[]): RouteConflicts {
  const { variants } = compileVariants(routes);
  return conflictsIn(variants, buildHostIndex(variants));
}

/** The same analysis over tables a router already compiled (lint compiles the router anyway). */
export function conflictsIn(variants: readonly CompiledVariant[], index: HostIndex): RouteConflicts {
  const shadowers = new Map<NormalizedRoute, (NormalizedRoute | null)[]>();
  const ties = new Map<string, { a: NormalizedRoute; b: NormalizedRoute }>();
  for (const v of variants) {
    let by: NormalizedRoute | null = null;
    for (const w of coverCandidates(index, v)) {
      if (w.rank >= v.rank && !tiesExceptId(w.key, v.key)) continue;
      if (!covers(w, v)) continue;
      if (tiesExceptId(w.key, v.key)) recordTie(ties, w, v);
      else by ??= w.route;
    }
    const list = shadowers.get(v.route) ?? [];
    shadowers.set(v.route, [...list, by]);
  }
  const shadowed = [...shadowers].filter(([, bys]) => bys.every((b) => b !== null)).map(([route, bys]) => ({ route, by: bys[0]! }));
  return { shadowed, ties: [...ties.values()] };
}

function recordTie(ties: Map<string, { a: NormalizedRoute; b: NormalizedRoute }>, x: CompiledVariant, y: CompiledVariant): void {
  const [a, b] = x.rank < y.rank ? [x, y] : [y, x];
  const key = `${a.route.id} ${b.route.id}`;
  if (!ties.has(key)) ties.set(key, { a: a.route, b: b.route });
}

/** Matchers that might cover `v`: those filed where v's first host and first path lead. */
function coverCandidates(index: HostIndex, v: CompiledVariant): CompiledVariant[] {
  const out: CompiledVariant[] = [];
  const collect = (bucket: PathIndex) => collectFromPathIndex(bucket, v, out);
  const first = v.hosts?.[0];
  if (!first) collect(index.anyHost);
  else if (first.kind === 'exact') forEachHostBucket(index, first.value, null, collect);
  else {
    for (const key of widerWildcards(first.kind, first.value)) {
      const bucket = index[first.kind].get(key);
      if (bucket) collect(bucket);
    }
    collect(index.anyHost);
  }
  return out;
}

/** A wildcard and the wider ones of its kind: `.x.a.com` → `.x.a.com`, `.a.com`, `.com`; `x.y.` → `x.y.`, `x.`. */
function widerWildcards(kind: 'suffix' | 'prefix', value: string): string[] {
  const keys: string[] = [];
  for (let dot = value.indexOf('.'); dot >= 0; dot = value.indexOf('.', dot + 1)) {
    keys.push(kind === 'suffix' ? value.slice(dot) : value.slice(0, dot + 1));
  }
  return keys;
}

function collectFromPathIndex(bucket: PathIndex, v: CompiledVariant, out: CompiledVariant[]): void {
  const add = (entries: readonly PathEntry[]) => entries.forEach((e) => out.push(e.variant));
  add(bucket.anyPath);
  const paths = v.variant.paths;
  if (paths === null) return;
  const key = v.prefixes ? v.prefixes[0] : regexLiteralPrefix(paths[0].slice(1));
  for (const values of valuesAlong(bucket.tree, key)) add(values);
  if (v.regexes && key === '') add(bucket.unanchored);
}
