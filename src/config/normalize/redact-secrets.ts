import type { ConfigIssue, IssuePath } from '../issues.js';

/**
 * Values resolved from vault references never appear in messages; an issue
 * about such a value says which reference it came from.
 */
export function redactSecrets(
  issues: ConfigIssue[], resolved: { path: IssuePath; ref: string }[], raw: Record<string, unknown>, base: IssuePath,
): ConfigIssue[] {
  const secrets = resolved
    .map((r) => valueAt(raw, r.path.slice(base.length)))
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
  const refAt = new Map(resolved.map((r) => [JSON.stringify(r.path), r.ref]));
  return issues.map((i) => {
    let message = i.message;
    for (const s of secrets) message = message.split(s).join('<value from vault reference>');
    const ref = refAt.get(JSON.stringify(i.path));
    if (ref) message += ` (in the value of ${ref})`;
    return message === i.message ? i : { ...i, message };
  });
}

function valueAt(obj: unknown, path: IssuePath): unknown {
  let v = obj;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}
