/**
 * A radix tree keyed by strings, used while building: each node holds the
 * values filed under exactly its key, in insertion order (so inserting in
 * rank order keeps every node's list sorted by rank). compact-tree.ts
 * flattens it for matching.
 */
export interface TreeNode<T> {
  /** the edge label from the parent ('' for the root) */
  label: string;
  /** first char code of each child's label, parallel to `kids` */
  readonly firsts: number[];
  readonly kids: TreeNode<T>[];
  readonly values: T[];
}

const newNode = <T>(label: string): TreeNode<T> => ({ label, firsts: [], kids: [], values: [] });

export const newTree = <T>(): TreeNode<T> => newNode<T>('');

export function insertKey<T>(root: TreeNode<T>, key: string, value: T): void {
  let node = root;
  let pos = 0;
  while (pos < key.length) {
    const first = key.charCodeAt(pos);
    const i = node.firsts.indexOf(first);
    if (i < 0) {
      const leaf = newNode<T>(key.slice(pos));
      node.firsts.push(first);
      node.kids.push(leaf);
      node = leaf;
      break;
    }
    const child = node.kids[i];
    const common = commonLength(child.label, key, pos);
    if (common < child.label.length) node.kids[i] = splitNode(child, common);
    node = node.kids[i];
    pos += common;
  }
  node.values.push(value);
}

/** Cut `child`'s label after `at` characters: the new middle node takes the first part. */
function splitNode<T>(child: TreeNode<T>, at: number): TreeNode<T> {
  const middle = newNode<T>(child.label.slice(0, at));
  child.label = child.label.slice(at);
  middle.firsts.push(child.label.charCodeAt(0));
  middle.kids.push(child);
  return middle;
}

function commonLength(label: string, key: string, from: number): number {
  let n = 0;
  while (n < label.length && from + n < key.length && label.charCodeAt(n) === key.charCodeAt(from + n)) n++;
  return n;
}
