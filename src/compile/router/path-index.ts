/**
 * Paths of the matchers in one host bucket: prefix paths filed in a radix
 * tree under themselves, regex paths under their literal start
 * (regex-literal.ts); regexes without one, and matchers without paths, in
 * lists. Every list is in rank order, so a search stops at the first entry
 * that cannot beat the best match found so far. Built with an object tree,
 * then sealed into a compact one (compact-tree.ts) for matching.
 */
import type { CompiledVariant } from './compiled-variant.js';
import { compactTree, type CompactTree } from './compact-tree.js';
import { insertKey, newTree, type TreeNode } from './prefix-tree.js';
import { regexLiteralPrefix } from './regex-literal.js';

/** Room for paths per matcher in an entry's order key. */
export const PATH_SLOTS = 65536;

export interface PathEntry {
  readonly variant: CompiledVariant;
  /** rank * PATH_SLOTS + the path's position in its group: lower is tried first */
  readonly order: number;
  /** the normalized prefix, for a prefix path */
  readonly prefix: string | null;
  /** the anchored regex, for a regex path */
  readonly regex: RegExp | null;
  /** false when reaching this bucket already proves the host condition (a host rule without port filed it here) */
  readonly checkHosts: boolean;
}

interface PathLists {
  /** order of the best entry filed here: a search skips the bucket when it already has a better match */
  minOrder: number;
  /** regex paths with no literal start */
  readonly unanchored: PathEntry[];
  /** matchers without paths: they match any path */
  readonly anyPath: PathEntry[];
}

export interface PathIndexBuilder extends PathLists {
  readonly root: TreeNode<PathEntry>;
}

export interface PathIndex extends Readonly<PathLists> {
  readonly tree: CompactTree<PathEntry>;
}

export const newPathIndexBuilder = (): PathIndexBuilder => ({ minOrder: Infinity, root: newTree(), unanchored: [], anyPath: [] });

export function sealPathIndex(b: PathIndexBuilder): PathIndex {
  return { minOrder: b.minOrder, tree: compactTree(b.root), unanchored: b.unanchored, anyPath: b.anyPath };
}

/** File a matcher's paths; matchers must be added in rank order. */
export function addToPathIndex(index: PathIndexBuilder, v: CompiledVariant, checkHosts: boolean): void {
  const base = v.rank * PATH_SLOTS;
  index.minOrder = Math.min(index.minOrder, base);
  if (v.prefixes) {
    v.prefixes.forEach((prefix, i) => insertKey(index.root, prefix, { variant: v, order: base + i, prefix, regex: null, checkHosts }));
  } else if (v.regexes) {
    v.regexes.forEach((regex, i) => {
      const entry = { variant: v, order: base + i, prefix: null, regex, checkHosts };
      const literal = regexLiteralPrefix(v.variant.paths![i].slice(1));
      if (literal === '') index.unanchored.push(entry);
      else insertKey(index.root, literal, entry);
    });
  } else {
    index.anyPath.push({ variant: v, order: base, prefix: null, regex: null, checkHosts });
  }
}
