import { issue, type ConfigIssue } from '../issues.js';
import { entityLabel, type FlatEntity } from './flat-entity.js';

/**
 * Kong's uniqueness rules over the whole flattened file (kong-format.md §1.7):
 * ids (explicit or derived) and every unique field, per entity kind. The
 * issue names both places.
 */
export function checkUniqueness(entities: readonly FlatEntity[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, FlatEntity>();
  for (const e of entities) {
    for (const field of ['id', ...e.kind.unique]) {
      const v = e.value[field];
      if (v === null || v === undefined) continue;
      const key = `${e.kind.key}\u0000${field}\u0000${String(v)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, e);
        continue;
      }
      const what = field === 'id' ? 'primary key' : field;
      // A derived id is not written in the file: the locator then points at the entity itself.
      const path = [...e.path, field];
      issues.push(
        issue('duplicate-entity', `uniqueness violation: '${e.kind.key}' entity with ${what} set to '${String(v)}' already declared`, path, {
          file: e.file,
          entity: entityLabel(e),
          related: { file: first.file, path: first.path },
        }),
      );
    }
  }
  return issues;
}
