import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue, IssuePath } from '../issues.js';
import type { SourceFile } from './read-sources.js';
import { lineColAt } from './line-col.js';

/**
 * Maps a path inside a document back to line and column. Built lazily with
 * the `yaml` package (which keeps positions) only when an issue needs it.
 * Follows aliases and merge keys to where the value was written; a path that
 * does not exist (a missing field) resolves to its nearest existing parent.
 */
export class Locator {
  private doc?: Document;
  private readonly lines = new LineCounter();

  constructor(private readonly file: SourceFile) {}

  locate(path: IssuePath, key = false): { line: number; col: number } {
    const doc = this.document();
    let node: unknown = doc.contents;
    let offset = nodeOffset(node) ?? 0;
    for (const seg of path) {
      const next = childOf(doc, node, seg);
      if (!next) break;
      node = next.value;
      const at = key ? (nodeOffset(next.key) ?? nodeOffset(next.value)) : (nodeOffset(next.value) ?? nodeOffset(next.key));
      if (at !== undefined) offset = at;
    }
    const pos = this.lines.linePos(offset);
    return pos ? { line: pos.line, col: pos.col } : lineColAt(this.file.text, offset);
  }

  private document(): Document {
    this.doc ??= parseDocument(this.file.text, {
      lineCounter: this.lines,
      merge: true,
      uniqueKeys: false,
      prettyErrors: false,
    });
    return this.doc;
  }
}

interface Child {
  key?: unknown;
  value: unknown;
}

function childOf(doc: Document, node: unknown, seg: string | number, depth = 0): Child | undefined {
  const target = deref(doc, node);
  if (isSeq(target) && typeof seg === 'number') {
    const value = target.items[seg];
    return value === undefined ? undefined : { value: deref(doc, value) ?? value };
  }
  if (!isMap(target)) return undefined;
  for (const pair of target.items) {
    if (!isPair(pair)) continue;
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(key) === String(seg)) return { key: pair.key, value: pair.value };
  }
  if (depth > 16) return undefined;
  for (const pair of target.items) {
    if (!isMergeKey(pair.key)) continue;
    const sources = isSeq(deref(doc, pair.value)) ? (deref(doc, pair.value) as { items: unknown[] }).items : [pair.value];
    for (const source of sources) {
      const found = childOf(doc, source, seg, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** `<<` (yaml 2 keeps merge keys as a Symbol('<<') scalar). */
function isMergeKey(key: unknown): boolean {
  const v = isScalar(key) ? key.value : undefined;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

function deref(doc: Document, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 16 && isAlias(n); i++) n = n.resolve(doc);
  return n;
}

function nodeOffset(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Fill `line`/`col` of issues that have a file but no position yet. */
export function locateIssues(issues: ConfigIssue[], files: readonly SourceFile[]): void {
  const locators = new Map<string, Locator>();
  const locatorFor = (path: string) => {
    const file = files.find((f) => f.path === path);
    if (!file) return undefined;
    let locator = locators.get(path);
    if (!locator) locators.set(path, (locator = new Locator(file)));
    return locator;
  };
  for (const i of issues) {
    if (i.file !== undefined && i.line === undefined) {
      const keyIssue = i.code === 'schema-unknown-field' || i.code === 'unknown-top-level-key' || i.code === 'unsupported-entity';
      const pos = locatorFor(i.file)?.locate(i.path, keyIssue);
      if (pos) Object.assign(i, pos);
    }
    if (i.related && i.related.line === undefined) {
      const pos = locatorFor(i.related.file)?.locate(i.related.path);
      if (pos) Object.assign(i.related, pos);
    }
  }
}
