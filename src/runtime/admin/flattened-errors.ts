import type { ConfigIssue, IssuePath } from '../../config/issues.js';
import { ENTITY_KINDS } from '../../config/schema/entities.js';
import type { SourceFile } from '../../config/source/read-sources.js';
import { parse } from 'yaml';

const KIND_KEYS = new Set(ENTITY_KINDS.map((k) => k.key as string));
const SINGULAR = new Map(ENTITY_KINDS.map((k) => [k.key as string, k.singular]));

interface FlatError {
  type: 'field' | 'entity';
  field?: string;
  message: string;
  line?: number;
  col?: number;
}

interface FlattenedEntityErrors {
  entity_type: string;
  entity_name?: string;
  entity_id?: string;
  entity_tags?: unknown[] | null;
  /** the entity as written (Kong sends it back too) */
  entity?: Record<string, unknown>;
  /** where the entity is in the document, 0-based (gatewayd addition) */
  entity_path: IssuePath;
  errors: FlatError[];
}

/**
 * Kong's DB-less `POST /config` error body (code 14), with `flattened_errors`
 * (one entry per entity, as `flatten_errors=1` gives) and gatewayd's line and
 * column added to every error.
 */
export function kongConfigErrorBody(issues: readonly ConfigIssue[], source?: SourceFile): Record<string, unknown> {
  const errors = issues.filter((i) => i.severity === 'error');
  const doc = source ? parseQuietly(source.text) : undefined;
  const fields: Record<string, unknown> = {};
  const byEntity = new Map<string, FlattenedEntityErrors>();
  for (const i of errors) {
    const split = splitEntityPath(i.path);
    if (!split) {
      setIn(fields, i.path.length ? i.path : ['error'], locatedMessage(i));
      continue;
    }
    const key = JSON.stringify(split.entityPath);
    let entry = byEntity.get(key);
    if (!entry) {
      entry = { entity_type: split.type, entity_path: split.entityPath, errors: [] };
      const entity = valueAt(doc, split.entityPath);
      const name = i.entity?.name ?? entityName(entity);
      const id = i.entity?.id ?? (typeof entity?.id === 'string' ? entity.id : undefined);
      if (name) entry.entity_name = name;
      if (id) entry.entity_id = id;
      if (entity) {
        entry.entity_tags = Array.isArray(entity.tags) ? entity.tags : null;
        entry.entity = entity;
      }
      byEntity.set(key, entry);
    }
    entry.errors.push(split.field
      ? { type: 'field', field: split.field, message: i.message, line: i.line, col: i.col }
      : { type: 'entity', message: i.message, line: i.line, col: i.col });
  }
  return {
    code: 14,
    name: 'invalid declarative configuration',
    message: `declarative config is invalid: ${errors.length} error${errors.length === 1 ? '' : 's'}; first: ${errors[0] ? locatedMessage(errors[0]) : ''}`,
    fields,
    flattened_errors: [...byEntity.values()],
  };
}

function locatedMessage(i: ConfigIssue): string {
  return i.line ? `${i.message} (line ${i.line}, column ${i.col ?? 1})` : i.message;
}

/** The innermost entity on the path: [..., <kind>, <index>] and the dotted field after it. */
function splitEntityPath(path: IssuePath): { type: string; entityPath: IssuePath; field: string } | undefined {
  let at = -1;
  for (let k = 0; k + 1 < path.length; k++) {
    if (typeof path[k] === 'string' && KIND_KEYS.has(path[k] as string) && typeof path[k + 1] === 'number' && !isInsideConfig(path, k)) at = k;
  }
  if (at === -1) return undefined;
  return { type: SINGULAR.get(path[at] as string)!, entityPath: path.slice(0, at + 2), field: path.slice(at + 2).join('.') };
}

/** `config.*` of a plugin may have keys named like entities (e.g. `consumers`): they are fields. */
function isInsideConfig(path: IssuePath, k: number): boolean {
  return path.slice(0, k).includes('config');
}

function setIn(obj: Record<string, unknown>, path: IssuePath, value: string): void {
  let o = obj;
  for (const seg of path.slice(0, -1)) {
    const k = String(seg);
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[String(path[path.length - 1])] = value;
}

/** The posted document as data, to name the entities in errors; undefined when it does not parse. */
function parseQuietly(text: string): unknown {
  try {
    return parse(text, { uniqueKeys: false, maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

function valueAt(doc: unknown, path: IssuePath): Record<string, unknown> | undefined {
  let v = doc;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Kong's entity_name: the entity's endpoint key (name, username, prefix...). */
function entityName(entity: Record<string, unknown> | undefined): string | undefined {
  for (const key of ['name', 'username', 'prefix', 'instance_name']) {
    const v = entity?.[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}
