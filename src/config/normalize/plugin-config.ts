import { issue, type ConfigIssue, type IssuePath } from '../issues.js';
import { fromZodIssues } from '../schema/zod-issues.js';
import { PLUGIN_SCHEMAS, pluginNameProblem } from '../../plugins/catalog.js';
import { suggest } from './suggest.js';

type Raw = Record<string, unknown>;

/**
 * Validate a plugin's `config` against the named plugin's schema (defaults
 * filled) and its `protocols` against what the plugin allows.
 */
export function validatePluginConfig(plugin: Raw, path: IssuePath, file: string): { value?: Raw; issues: ConfigIssue[] } {
  const name = plugin.name as string;
  const nameIssue = pluginNameIssue(name, path, file);
  if (nameIssue) return { issues: [nameIssue] };
  const def = PLUGIN_SCHEMAS.get(name)!;
  const issues: ConfigIssue[] = [];
  const parsed = def.configSchema.safeParse(plugin.config ?? {}, { reportInput: true });
  if (!parsed.success) issues.push(...fromZodIssues(parsed.error.issues, [...path, 'config'], file));
  const protocols = (plugin.protocols as string[] | null) ?? [...def.defaultProtocols];
  protocols.forEach((p, i) => {
    if (!def.allowedProtocols.includes(p)) {
      issues.push(issue('schema-enum', `expected one of: ${def.allowedProtocols.join(', ')}`, [...path, 'protocols', i], { file }));
    }
  });
  if (issues.length > 0) return { issues };
  return { value: { ...plugin, config: parsed.data as Raw, protocols }, issues };
}

/**
 * A plugin gatewayd does not run (`plugin-unsupported`: one error, nothing
 * else about it is checked) or does not know (`plugin-unknown`, Kong's
 * message, with the closest known name when it looks like a typo).
 */
export function pluginNameIssue(name: unknown, path: IssuePath, file: string): ConfigIssue | undefined {
  if (typeof name !== 'string') return undefined;
  const problem = pluginNameProblem(name);
  if (!problem) return undefined;
  if (!problem.includes('not enabled')) return issue('plugin-unsupported', problem, [...path, 'name'], { file });
  const hint = suggest(name, [...PLUGIN_SCHEMAS.keys()]);
  return issue('plugin-unknown', hint ? `${problem} (did you mean '${hint}'?)` : problem, [...path, 'name'], { file });
}

/** Scope rules that need the resolved entity: `no_consumer`, `no_route`, `no_service` plugins. */
export function checkPluginScope(plugin: Raw, path: IssuePath, file: string): ConfigIssue[] {
  const def = PLUGIN_SCHEMAS.get(plugin.name as string);
  if (!def) return [];
  const out: ConfigIssue[] = [];
  const forbidden: [string, boolean][] = [['consumer', def.noConsumer], ['route', def.noRoute], ['service', def.noService]];
  for (const [field, no] of forbidden) {
    if (no && plugin[field] !== null && plugin[field] !== undefined) {
      out.push(issue('plugin-scope', `value must be null (the ${plugin.name} plugin cannot be bound to a ${field})`, [...path, field], { file }));
    }
  }
  return out;
}
