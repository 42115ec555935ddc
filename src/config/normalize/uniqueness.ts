import { issue, type ConfigIssue } from '../issues.js';
import { entityLabel, type FlatEntity } from './flat-entity.js';

/**
 * Kong's uniqueness rules over the whole flattened file (kong-format.md §1.7):
 * ids (explicit or derived) and every unique field, per entity kind. The
 * issue names both places. An id derived from a duplicated name is not
 * reported a second time: the name is what the user wrote twice.
 */
export function checkUniqueness(entities: readonly FlatEntity[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  /** `<kind> <field>` → value → first entity with it. */
  const seen = new Map<string, Map<string, FlatEntity>>();
  for (const e of entities) {
    const found: ConfigIssue[] = [];
    for (const field of e.kind.unique) checkField(e, field, seen, found);
    if (!(e.idDerived && found.length > 0)) checkField(e, 'id', seen, found);
    issues.push(...found);
  }
  return issues;
}

function checkField(e: FlatEntity, field: string, seen: Map<string, Map<string, FlatEntity>>, out: ConfigIssue[]): void {
  const v = e.value[field];
  if (v === null || v === undefined) return;
  const scope = `${e.kind.key} ${field}`;
  let values = seen.get(scope);
  if (!values) seen.set(scope, (values = new Map()));
  const first = values.get(String(v));
  if (!first) {
    values.set(String(v), e);
    return;
  }
  const what = field === 'id' ? 'primary key' : field;
  // A derived id is not written in the file: the locator then points at the entity itself.
  out.push(
    issue('duplicate-entity', `uniqueness violation: '${e.kind.key}' entity with ${what} set to '${String(v)}' already declared`, [...e.path, field], {
      file: e.file,
      entity: entityLabel(e),
      related: { file: first.file, path: field === 'id' && first.idDerived ? first.path : [...first.path, field] },
    }),
  );
}
