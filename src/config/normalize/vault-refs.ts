import { issue, type ConfigIssue, type IssuePath } from '../issues.js';

/**
 * `{vault://<vault>/<resource>[/<key>]}` references in Kong's referenceable
 * fields, resolved from the environment (the `env` vault, or a `vaults`
 * entity of type env with its own `config.prefix`). Values are never put in
 * messages.
 */
const REF_RE = /^\{vault:\/\/([^/}]+)\/([^/}]+)(?:\/([^/}]+))?\/?\}$/;

/** Referenceable fields: entity kind → dotted paths; plugin name → config paths (`*` = any key). */
const REFERENCEABLE_ENTITY_FIELDS: Record<string, string[]> = {
  certificates: ['cert', 'key', 'cert_alt', 'key_alt'],
};
const REFERENCEABLE_PLUGIN_FIELDS: Record<string, string[]> = {
  'rate-limiting': ['redis.username', 'redis.password', 'redis_password', 'redis_username'],
  'response-ratelimiting': ['redis.username', 'redis.password', 'redis_password', 'redis_username'],
  'http-log': ['http_endpoint', 'headers.*'],
  opentelemetry: ['traces_endpoint', 'logs_endpoint', 'endpoint', 'headers.*'],
};

export interface VaultConfig {
  /** vault prefix (entity `prefix`, or `env` for the built-in one) → env variable prefix */
  envPrefixes: Map<string, string>;
  env: NodeJS.ProcessEnv;
}

export function isVaultReference(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('{vault://');
}

/** Resolve references in place in a raw entity; returns the issues and the resolved field paths. */
export function resolveVaultRefs(
  kind: string, raw: Record<string, unknown>, path: IssuePath, file: string, vaults: VaultConfig,
): { issues: ConfigIssue[]; resolved: IssuePath[]; refs: string[] } {
  const out = { issues: [] as ConfigIssue[], resolved: [] as IssuePath[], refs: [] as string[] };
  const fields = kind === 'plugins' ? REFERENCEABLE_PLUGIN_FIELDS[String(raw.name)] : REFERENCEABLE_ENTITY_FIELDS[kind];
  if (!fields) return out;
  const base = kind === 'plugins' ? raw.config : raw;
  if (base === null || typeof base !== 'object') return out;
  const basePath = kind === 'plugins' ? [...path, 'config'] : path;
  for (const field of fields) {
    for (const [holder, key, at] of slots(base as Record<string, unknown>, field.split('.'), basePath)) {
      const ref = holder[key];
      if (!isVaultReference(ref)) continue;
      const value = resolveOne(ref, vaults);
      if (typeof value === 'string') {
        holder[key] = value;
        out.resolved.push(at);
        out.refs.push(ref);
      } else out.issues.push(issue('vault-reference', value.error, at, { file }));
    }
  }
  return out;
}

function* slots(obj: Record<string, unknown>, parts: string[], path: IssuePath): Generator<[Record<string, unknown>, string, IssuePath]> {
  const [head, ...rest] = parts;
  const keys = head === '*' ? Object.keys(obj) : [head];
  for (const k of keys) {
    if (rest.length === 0) yield [obj, k, [...path, k]];
    else {
      const next = obj[k];
      if (next !== null && typeof next === 'object' && !Array.isArray(next)) yield* slots(next as Record<string, unknown>, rest, [...path, k]);
    }
  }
}

function resolveOne(ref: string, vaults: VaultConfig): string | { error: string } {
  const m = REF_RE.exec(ref);
  if (!m) return { error: `invalid vault reference '${ref}': expected {vault://<vault>/<name>[/<key>]}` };
  const [, vault, resource, key] = m;
  const prefix = vault === 'env' ? '' : vaults.envPrefixes.get(vault);
  if (prefix === undefined) return { error: `vault reference '${ref}' names vault '${vault}', which is not declared in 'vaults'` };
  const variable = (prefix + resource).toUpperCase().replace(/-/g, '_');
  const value = vaults.env[variable];
  if (value === undefined) return { error: `vault reference '${ref}' cannot be resolved: environment variable '${variable}' is not set` };
  if (key === undefined) return value;
  try {
    const field = (JSON.parse(value) as Record<string, unknown>)[key];
    if (typeof field === 'string') return field;
  } catch {
    return { error: `vault reference '${ref}' cannot be resolved: environment variable '${variable}' does not hold a JSON object` };
  }
  return { error: `vault reference '${ref}' cannot be resolved: key '${key}' is missing from environment variable '${variable}'` };
}

/** Env-type vault entities declared in the documents: prefix → env variable prefix. */
export function collectEnvVaults(vaultEntries: unknown[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const v of vaultEntries) {
    const e = v as { prefix?: unknown; name?: unknown; config?: { prefix?: unknown } | null } | null;
    if (e && typeof e.prefix === 'string' && e.name === 'env') {
      map.set(e.prefix, typeof e.config?.prefix === 'string' ? e.config.prefix : '');
    }
  }
  return map;
}
