/**
 * The radix tree (prefix-tree.ts) flattened for the hot path: nodes, child
 * links and labels live in two Int32Arrays and one string, in depth-first
 * order, so a walk touches a few contiguous cache lines per level instead of
 * a chain of small objects and arrays.
 */
import type { TreeNode } from './prefix-tree.js';

/** Per node, NODE_STRIDE ints: label start in `labels`, label length, first kid slot in `kids`, kid count, values index or -1. */
export const NODE_STRIDE = 5;

export interface CompactTree<T> {
  readonly nodes: Int32Array;
  /** per kid slot, 2 ints: first char code of the kid's label, the kid's node number */
  readonly kids: Int32Array;
  readonly labels: string;
  readonly valueLists: readonly (readonly T[])[];
}

export function compactTree<T>(root: TreeNode<T>): CompactTree<T> {
  const order: TreeNode<T>[] = [];
  const visit = (n: TreeNode<T>) => {
    order.push(n);
    n.kids.forEach(visit);
  };
  visit(root);
  const numberOf = new Map(order.map((n, i) => [n, i]));
  const nodes = new Int32Array(order.length * NODE_STRIDE);
  const kids = new Int32Array((order.length - 1) * 2);
  const labels: string[] = [];
  const valueLists: T[][] = [];
  let labelAt = 0;
  let kidAt = 0;
  order.forEach((n, i) => {
    const at = i * NODE_STRIDE;
    nodes.set([labelAt, n.label.length, kidAt, n.kids.length, n.values.length > 0 ? valueLists.push(n.values) - 1 : -1], at);
    labels.push(n.label);
    labelAt += n.label.length;
    n.kids.forEach((kid, k) => {
      kids[kidAt++] = n.firsts[k];
      kids[kidAt++] = numberOf.get(kid)!;
    });
  });
  return { nodes, kids, labels: labels.join(''), valueLists };
}

/**
 * The node reached from node `n` by the text at `pos`, or -1. The caller
 * knows `pos < text.length`.
 */
export function childAlong<T>(tree: CompactTree<T>, n: number, text: string, pos: number): number {
  const { nodes, kids } = tree;
  const c = text.charCodeAt(pos);
  const from = nodes[n * NODE_STRIDE + 2];
  const to = from + nodes[n * NODE_STRIDE + 3] * 2;
  for (let k = from; k < to; k += 2) {
    if (kids[k] !== c) continue;
    const child = kids[k + 1];
    return labelMatches(tree, child, text, pos) ? child : -1;
  }
  return -1;
}

function labelMatches<T>(tree: CompactTree<T>, child: number, text: string, pos: number): boolean {
  const start = tree.nodes[child * NODE_STRIDE];
  const length = tree.nodes[child * NODE_STRIDE + 1];
  if (pos + length > text.length) return false;
  const labels = tree.labels;
  for (let j = 1; j < length; j++) if (text.charCodeAt(pos + j) !== labels.charCodeAt(start + j)) return false;
  return true;
}

/** Values of every node whose key is a prefix of `text`, shortest key first (for lint). */
export function valuesAlong<T>(tree: CompactTree<T>, text: string): (readonly T[])[] {
  const out: (readonly T[])[] = [];
  let n = 0;
  let pos = 0;
  for (;;) {
    const list = tree.nodes[n * NODE_STRIDE + 4];
    if (list >= 0) out.push(tree.valueLists[list]);
    pos += tree.nodes[n * NODE_STRIDE + 1];
    if (pos >= text.length) return out;
    n = childAlong(tree, n, text, pos);
    if (n < 0) return out;
  }
}
