import { issue, type ConfigIssue, type IssuePath } from '../issues.js';
import { entityKind, type EntityKey, type EntityKind } from '../schema/entities.js';
import { fromZodIssues } from '../schema/zod-issues.js';
import { entitySchema } from './entity-schemas.js';
import type { FlatEntity } from './flat-entity.js';
import { deriveId, type IdContext } from './derive-id.js';
import { defaultStripPath, expandShorthands } from './shorthands.js';
import { unsupportedEntityMessage } from './unsupported.js';
import { pluginNameIssue, validatePluginConfig } from './plugin-config.js';
import { resolveVaultRefs, type VaultConfig } from './vault-refs.js';
import { redactSecrets } from './redact-secrets.js';

type Raw = Record<string, unknown>;
const INVALID_PARENT_ID = '00000000-0000-0000-0000-000000000000';
type Parent = NonNullable<FlatEntity['parent']>;

/** Validates entities (recursively through nesting) and flattens them, in document order. */
export class EntityVisitor {
  readonly entities: FlatEntity[] = [];
  readonly issues: ConfigIssue[] = [];
  /** `<key>:<id>` → vault references resolved in that entity (path relative to the entity). */
  readonly vaultRefs = new Map<string, { path: IssuePath; ref: string }[]>();
  private lastRefs: { path: IssuePath; ref: string }[] = [];
  private readonly ids: IdContext = { seen: new Map() };
  private file = '';

  constructor(private readonly vaults: VaultConfig) {}

  /** Entities that follow come from this file. */
  inFile(file: string): this {
    this.file = file;
    return this;
  }

  visitArray(key: EntityKey, items: unknown[], path: IssuePath, parent?: Omit<Parent, 'explicit'>): void {
    const kind = entityKind(key)!;
    items.forEach((item, i) => this.visit(kind, item, [...path, i], parent));
  }

  private visit(kind: EntityKind, item: unknown, path: IssuePath, parent?: Omit<Parent, 'explicit'>): void {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      this.issues.push(issue('schema-type', 'expected a record', path, { file: this.file }));
      return;
    }
    const { own, children } = this.splitChildren(kind, item as Raw, path, parent?.field);
    const explicit = parent ? (item as Raw)[parent.field] : undefined;
    const value = this.validate(kind, own, path);
    const flatParent = parent ? { ...parent, explicit: explicit ?? undefined } : undefined;
    let id = INVALID_PARENT_ID;
    if (value) {
      const idDerived = typeof value.id !== 'string';
      id = value.id = deriveId(kind, value, flatParent, this.ids);
      if (this.lastRefs.length) this.vaultRefs.set(`${kind.key}:${id}`, this.lastRefs);
      this.entities.push({ kind, value, file: this.file, path, parent: flatParent, idDerived });
    }
    // Children are validated even when their parent is not, so that every problem is reported at once.
    for (const [childKey, childItems] of children) {
      const field = kind.children[childKey]!;
      this.visitArray(childKey, childItems, [...path, childKey], { key: kind.key, id, field });
    }
  }

  /** The entity's own fields (without the foreign key to its parent, which is implied) and its nested children. */
  private splitChildren(kind: EntityKind, raw: Raw, path: IssuePath, parentField?: string): { own: Raw; children: [EntityKey, unknown[]][] } {
    const own: Raw = {};
    const children: [EntityKey, unknown[]][] = [];
    for (const k in raw) {
      if (k === parentField) continue;
      const v = raw[k];
      const isChild = k in kind.children;
      const unsupported = !isChild && !(k in kind.fields) ? unsupportedEntityMessage(k) : undefined;
      if (unsupported) this.issues.push(issue('unsupported-entity', unsupported, [...path, k], { file: this.file }));
      else if (!isChild) own[k] = v;
      else if (v === null || v === undefined) continue;
      else if (!Array.isArray(v)) this.issues.push(issue('schema-type', 'expected an array', [...path, k], { file: this.file }));
      else children.push([k as EntityKey, v]);
    }
    return { own, children };
  }

  private validate(kind: EntityKind, own: Raw, path: IssuePath): Raw | undefined {
    // A plugin gatewayd does not run gets one error and nothing else; an unknown one, Kong's errors.
    const nameIssue = kind.key === 'plugins' ? pluginNameIssue(own.name, path, this.file) : undefined;
    if (nameIssue?.code === 'plugin-unsupported') {
      this.issues.push(nameIssue);
      return undefined;
    }
    const refs = resolveVaultRefs(kind.key, own, path, this.file, this.vaults);
    this.issues.push(...refs.issues);
    this.lastRefs = refs.resolved.map((p, i) => ({ path: p.slice(path.length), ref: refs.refs[i] }));
    const before = this.issues.length;
    const raw = expandShorthands(kind.key, own, path, this.file, this.issues);
    const found: ConfigIssue[] = [];
    const result = entitySchema(kind).safeParse(raw, { reportInput: true });
    let value = result.success ? (result.data as Raw) : undefined;
    if (!result.success) found.push(...fromZodIssues(result.error.issues, path, this.file), ...(nameIssue ? [nameIssue] : []));
    // A shorthand that failed (a bad service url) already said why its fields are missing.
    if (this.issues.length > before) removeMissing(found, path.length + 1);
    if (value && kind.key === 'routes') value = defaultStripPath(value);
    if (value && kind.key === 'plugins') {
      const checked = validatePluginConfig(value, path, this.file);
      found.push(...checked.issues);
      value = checked.value;
    }
    const checked = refs.issues.length ? withoutUnresolved(found, refs.issues) : found;
    const resolved = refs.resolved.map((p, i) => ({ path: p, ref: refs.refs[i] }));
    this.issues.push(...(resolved.length ? redactSecrets(checked, resolved, own, path) : checked));
    return refs.issues.length ? undefined : value;
  }
}

/** A vault reference that did not resolve has no value to check: drop the schema's complaints about the literal. */
function withoutUnresolved(found: ConfigIssue[], unresolved: ConfigIssue[]): ConfigIssue[] {
  const at = new Set(unresolved.map((i) => JSON.stringify(i.path)));
  return found.filter((i) => !at.has(JSON.stringify(i.path)));
}

function removeMissing(found: ConfigIssue[], depth: number): void {
  for (let i = found.length - 1; i >= 0; i--) {
    if (found[i].code === 'schema-required' && found[i].path.length === depth) found.splice(i, 1);
  }
}
