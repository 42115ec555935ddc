import stableStringify from 'fast-json-stable-stringify';
import { createHash } from 'node:crypto';
import { hasErrors, sortIssues, type ConfigIssue } from './issues.js';
import { readSources, type SourceFile } from './source/read-sources.js';
import { parseDocument } from './source/parse-document.js';
import { locateIssues } from './source/locate.js';
import { readTopLevel, type TopLevel } from './normalize/top-level.js';
import { migratePaths } from './normalize/migrate-paths.js';
import { EntityVisitor } from './normalize/visit-entities.js';
import { EntityIndex, resolveReferences } from './normalize/references.js';
import { checkUniqueness } from './normalize/uniqueness.js';
import { checkPluginScope } from './normalize/plugin-config.js';
import { assembleEntities, entityOrigins, type NormalizedEntities } from './normalize/assemble.js';
import { collectEnvVaults } from './normalize/vault-refs.js';
import type { EntityKey } from './schema/entities.js';

export type NormalizedConfig = { _format_version: '3.0'; _transform: boolean } & NormalizedEntities;

export interface LoadResult {
  /** Set when there is no error (warnings allowed). */
  config?: NormalizedConfig;
  /** Stable hash of the normalized configuration. */
  hash?: string;
  issues: ConfigIssue[];
  files: SourceFile[];
  /** entity `<key>:<id>` → where it was written. */
  origins: Map<string, { file: string; path: (string | number)[] }>;
  /** `<key>:<id>` → the vault references resolved in that entity, to show instead of secrets. */
  vaultRefs: Map<string, { path: (string | number)[]; ref: string }[]>;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Compute the configuration hash (default true; lint does not need it). */
  hash?: boolean;
}

/** Read, parse and validate files or directories: `gatewayd lint` and `start` both run this. */
export function loadConfig(inputs: readonly string[], opts: LoadOptions = {}): LoadResult {
  const { files, issues } = readSources(inputs);
  const result = loadSources(files, opts);
  const all = sortIssues([...issues, ...result.issues]);
  // An unreadable input fails the whole load, even if the other files are fine.
  return hasErrors(issues) ? { ...result, config: undefined, hash: undefined, issues: all } : { ...result, issues: all };
}

export function loadSources(files: SourceFile[], opts: LoadOptions = {}): LoadResult {
  const issues: ConfigIssue[] = [];
  const tops: { file: string; top: TopLevel }[] = [];
  for (const file of files) {
    const parsed = parseDocument(file);
    issues.push(...parsed.issues);
    if (!parsed.doc) continue;
    const read = readTopLevel(parsed.doc.value, file.path);
    issues.push(...read.issues);
    if (read.top.formatVersion && read.top.formatVersion !== '3.0') issues.push(...migratePaths(read.top, file.path));
    tops.push({ file: file.path, top: read.top });
  }
  const { entities, vaultRefs, issues: entityIssues } = validateEntities(tops, opts.env ?? process.env);
  issues.push(...entityIssues);
  locateIssues(issues, files);
  const origins = entityOrigins(entities);
  if (hasErrors(issues) || tops.length === 0) return { issues: sortIssues(issues), files, origins, vaultRefs };
  const config: NormalizedConfig = {
    _format_version: '3.0',
    _transform: tops.every((t) => t.top.transform),
    ...assembleEntities(entities),
  };
  return { config, hash: opts.hash === false ? undefined : hashConfig(config), issues: sortIssues(issues), files, origins, vaultRefs };
}

function validateEntities(tops: { file: string; top: TopLevel }[], env: NodeJS.ProcessEnv) {
  const vaultEntries = tops.flatMap((t) => t.top.entities.get('vaults') ?? []);
  const visitor = new EntityVisitor({ envPrefixes: collectEnvVaults(vaultEntries), env });
  for (const { file, top } of tops) {
    visitor.inFile(file);
    for (const [key, items] of top.entities) visitor.visitArray(key as EntityKey, items, [key]);
    // The documents as parsed are not needed any more: let the collector have them early.
    top.entities.clear();
  }
  const { entities } = visitor;
  const issues = [...visitor.issues];
  const index = new EntityIndex(entities);
  issues.push(...resolveReferences(entities, index));
  issues.push(...checkUniqueness(entities));
  for (const e of entities) if (e.kind.key === 'plugins') issues.push(...checkPluginScope(e.value, e.path, e.file));
  return { entities, issues, vaultRefs: visitor.vaultRefs };
}

/**
 * Hash of the normalized configuration: SHA-256 of its key-sorted JSON
 * (fast-json-stable-stringify), so that the same configuration written with
 * keys in another order has the same hash. Costs ~0.3 s on a 10,000-route
 * configuration: lint, which has no use for it, skips it (`hash: false`).
 */
export function hashConfig(config: NormalizedConfig): string {
  return createHash('sha256').update(stableStringify(config)).digest('hex').slice(0, 32);
}
