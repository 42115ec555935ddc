import { issue, warning, type ConfigIssue } from '../issues.js';
import { entityKind, type EntityKey } from '../schema/entities.js';
import type { ForeignKeyInput } from '../schema/foreign-key.js';
import { entityLabel, type FlatEntity } from './flat-entity.js';
import { suggest } from './suggest.js';

/** Lookup of entities by id and by endpoint key, per kind. */
export class EntityIndex {
  private readonly byId = new Map<string, Map<string, FlatEntity>>();
  private readonly byKey = new Map<string, Map<string, FlatEntity>>();

  constructor(entities: readonly FlatEntity[]) {
    for (const e of entities) {
      const key = e.kind.key;
      mapFor(this.byId, key).set(String(e.value.id), e);
      const ek = e.kind.endpointKey;
      const v = ek ? e.value[ek] : undefined;
      if (typeof v === 'string' && !mapFor(this.byKey, key).has(v)) mapFor(this.byKey, key).set(v, e);
    }
  }

  /** Kong's lookup: by endpoint key first, then by primary key. */
  find(kind: EntityKey, ref: ForeignKeyInput): FlatEntity | undefined {
    if (typeof ref === 'string') return this.byKey.get(kind)?.get(ref) ?? this.byId.get(kind)?.get(ref.toLowerCase());
    if (typeof ref.id === 'string') return this.byId.get(kind)?.get(ref.id.toLowerCase());
    const key = entityKind(kind)?.endpointKey;
    const name = key ? (ref as Record<string, unknown>)[key] : undefined;
    return typeof name === 'string' ? this.byKey.get(kind)?.get(name) : undefined;
  }

  names(kind: EntityKey): string[] {
    return [...(this.byKey.get(kind)?.keys() ?? [])];
  }
}

function mapFor(m: Map<string, Map<string, FlatEntity>>, key: string): Map<string, FlatEntity> {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  return inner;
}

/**
 * Replace every foreign key by the referenced entity's id (kong-format.md
 * §1.5). A nested child's foreign key to its parent is implied; an explicit
 * one is accepted when it resolves (the parent wins, as in Kong).
 */
export function resolveReferences(entities: readonly FlatEntity[], index: EntityIndex): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const e of entities) {
    for (const [field, target] of Object.entries(e.kind.foreignKeys)) {
      if (e.parent?.field === field) {
        resolveParentRef(e, field, target, index, issues);
        continue;
      }
      const ref = e.value[field] as ForeignKeyInput | null | undefined;
      if (ref === null || ref === undefined) {
        if (e.kind.requiredForeignKeys?.includes(field)) {
          issues.push(issue('schema-required', 'required field missing', [...e.path, field], { file: e.file, entity: entityLabel(e) }));
        }
        e.value[field] = null;
        continue;
      }
      const found = index.find(target, ref);
      if (found) e.value[field] = found.value.id;
      else issues.push(unresolved(e, field, target, ref, index));
    }
  }
  return issues;
}

function resolveParentRef(e: FlatEntity, field: string, target: EntityKey, index: EntityIndex, issues: ConfigIssue[]): void {
  const parent = e.parent!;
  e.value[field] = parent.id;
  const explicit = parent.explicit as ForeignKeyInput | undefined;
  if (explicit === undefined || explicit === null) return;
  const found = index.find(target, explicit);
  const path = [...e.path, field];
  if (!found) {
    issues.push(issue('nested-foreign-key', 'value must be null', path, { file: e.file, entity: entityLabel(e) }));
    issues.push(unresolved(e, field, target, explicit, index));
  } else if (found.value.id !== parent.id) {
    issues.push(
      warning('nested-foreign-key', `'${field}' names another ${found.kind.singular} than the one this entity is nested in; the enclosing one is used`, path, { file: e.file, entity: entityLabel(e) }),
    );
  }
}

function unresolved(e: FlatEntity, field: string, target: EntityKey, ref: ForeignKeyInput, index: EntityIndex): ConfigIssue {
  const shown = typeof ref === 'string' ? ref : JSON.stringify(ref);
  const hint = typeof ref === 'string' ? suggest(ref, index.names(target)) : undefined;
  const message = `invalid reference '${field}: ${shown}' (no such entry in '${target}')${hint ? ` (did you mean '${hint}'?)` : ''}`;
  return issue('reference-unknown', message, [...e.path, field], { file: e.file, entity: entityLabel(e) });
}
