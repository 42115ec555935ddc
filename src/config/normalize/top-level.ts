import { issue, warning, type ConfigIssue } from '../issues.js';
import { ENTITY_KINDS } from '../schema/entities.js';
import { unsupportedEntityMessage } from './unsupported.js';
import { suggest } from './suggest.js';

export const FORMAT_VERSIONS = ['1.1', '2.1', '3.0'] as const;
export type FormatVersion = (typeof FORMAT_VERSIONS)[number];

const META_KEYS = ['_format_version', '_transform', '_comment', '_ignore'];
/** decK-only keys: accepted and ignored, with a warning. */
const DECK_KEYS = new Set(['_info', '_konnect', '_workspace', '_plugin_configs']);

export interface TopLevel {
  formatVersion?: FormatVersion;
  transform: boolean;
  /** Entity arrays by key, as written. */
  entities: Map<string, unknown[]>;
}

/** Check the document root and its top-level keys (kong-format.md §1.2). */
export function readTopLevel(root: unknown, file: string): { top: TopLevel; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const top: TopLevel = { transform: true, entities: new Map() };
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    const what = root === null || root === undefined ? 'an empty document' : Array.isArray(root) ? 'an array' : `a ${typeof root}`;
    issues.push(issue('document-not-object', `failed parsing declarative configuration: expected an object, got ${what}`, [], { file }));
    return { top, issues };
  }
  const doc = root as Record<string, unknown>;
  top.formatVersion = readFormatVersion(doc, file, issues);
  readMeta(doc, file, issues, top);
  for (const [key, value] of Object.entries(doc)) {
    if (META_KEYS.includes(key)) continue;
    readEntityKey(key, value, file, issues, top);
  }
  return { top, issues };
}

function readFormatVersion(doc: Record<string, unknown>, file: string, issues: ConfigIssue[]): FormatVersion | undefined {
  const v = doc._format_version;
  const path = ['_format_version'];
  if (v === undefined || v === null) issues.push(issue('format-version', 'required field missing', path, { file }));
  else if (typeof v !== 'string') issues.push(issue('format-version', 'expected a string', path, { file }));
  else if (!(FORMAT_VERSIONS as readonly string[]).includes(v)) {
    issues.push(issue('format-version', `expected one of: ${FORMAT_VERSIONS.join(', ')}`, path, { file }));
  } else return v as FormatVersion;
  return undefined;
}

function readMeta(doc: Record<string, unknown>, file: string, issues: ConfigIssue[], top: TopLevel): void {
  if (doc._transform !== undefined && doc._transform !== null) {
    if (typeof doc._transform !== 'boolean') issues.push(issue('schema-type', 'expected a boolean', ['_transform'], { file }));
    else top.transform = doc._transform;
  }
  if (doc._comment !== undefined && typeof doc._comment !== 'string') {
    issues.push(issue('schema-type', 'expected a string', ['_comment'], { file }));
  }
  if (doc._ignore !== undefined && !Array.isArray(doc._ignore)) {
    issues.push(issue('schema-type', 'expected an array', ['_ignore'], { file }));
  }
}

function readEntityKey(key: string, value: unknown, file: string, issues: ConfigIssue[], top: TopLevel): void {
  if (DECK_KEYS.has(key)) {
    issues.push(warning('deck-key-ignored', `'${key}' is a decK key; Kong and gatewayd ignore it`, [key], { file }));
    return;
  }
  const kind = ENTITY_KINDS.find((k) => k.key === key);
  if (!kind) {
    const unsupported = unsupportedEntityMessage(key);
    if (unsupported) issues.push(issue('unsupported-entity', unsupported, [key], { file }));
    else issues.push(issue('unknown-top-level-key', unknownKeyMessage(key), [key], { file }));
    return;
  }
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) {
    issues.push(issue('schema-type', 'expected an array', [key], { file }));
    return;
  }
  top.entities.set(key, value);
}

/** Kong's `unknown field`, with the likely intended key or the list of keys. */
function unknownKeyMessage(key: string): string {
  const allowed = [...META_KEYS, ...ENTITY_KINDS.map((k) => k.key)];
  const hint = suggest(key, allowed);
  return hint ? `unknown field (did you mean '${hint}'?)` : `unknown field; allowed top-level keys are ${allowed.join(', ')}`;
}
