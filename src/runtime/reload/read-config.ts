import { createHash } from 'node:crypto';
import type { ConfigIssue } from '../../config/issues.js';
import { readSources, type SourceFile } from '../../config/source/read-sources.js';

export interface ConfigRead {
  files: SourceFile[];
  issues: ConfigIssue[];
  /** Hash of the raw inputs (paths and texts): an unchanged hash means nothing to do. */
  contentHash: string;
}

/** Read the configured files/directories as they are now. */
export function readConfig(inputs: readonly string[]): ConfigRead {
  const { files, issues } = readSources(inputs);
  return { files, issues, contentHash: contentHash(files, issues) };
}

export function contentHash(files: readonly SourceFile[], issues: readonly ConfigIssue[] = []): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.path).update('\0').update(f.text).update('\0');
  for (const i of issues) h.update(`${i.code}:${i.message}\0`);
  return h.digest('hex');
}
