import type { ConfigIssue, IssuePath } from '../issues.js';

/** Values resolved from vault references never appear in messages. */
export function redactSecrets(issues: ConfigIssue[], resolved: IssuePath[], raw: Record<string, unknown>, base: IssuePath): ConfigIssue[] {
  const secrets = resolved.map((p) => valueAt(raw, p.slice(base.length))).filter((v): v is string => typeof v === 'string' && v.length > 0);
  return issues.map((i) => {
    let message = i.message;
    for (const s of secrets) message = message.split(s).join('<value from vault reference>');
    return message === i.message ? i : { ...i, message };
  });
}

function valueAt(obj: unknown, path: IssuePath): unknown {
  let v = obj;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}
