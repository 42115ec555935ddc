import { Command, Option } from 'commander';
import jsYaml from 'js-yaml';
import { loadConfig } from '../config/load.js';
import { renderText } from './render-issues.js';
import { EXIT, UNREADABLE_CODES } from './exit-codes.js';

export function printCommand(): Command {
  return new Command('print')
    .description('print the normalized configuration (defaults filled, nesting flattened, ids and references resolved)')
    .argument('<files...>', 'files or directories')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .action((files: string[], opts: { format: 'yaml' | 'json' }) => {
      const result = loadConfig(files);
      if (!result.config) {
        process.stderr.write(renderText(result.issues, result.files));
        process.exitCode = result.issues.some((i) => UNREADABLE_CODES.has(i.code)) ? EXIT.usage : EXIT.problems;
        return;
      }
      const config = withVaultReferences(result.config, result.vaultRefs);
      const out = opts.format === 'json'
        ? JSON.stringify(config, null, 2) + '\n'
        : jsYaml.dump(config, { noRefs: true, lineWidth: 120, sortKeys: false });
      process.stdout.write(out);
    });
}

/** Show `{vault://...}` references where secrets were resolved: print never shows a secret. */
function withVaultReferences<T extends Record<string, unknown>>(config: T, refs: Map<string, { path: (string | number)[]; ref: string }[]>): T {
  if (refs.size === 0) return config;
  const copy = structuredClone(config) as Record<string, Record<string, unknown>[] | unknown>;
  for (const [key, list] of refs) {
    const [kind, id] = key.split(':');
    const entity = (copy[kind] as Record<string, unknown>[]).find((e) => e.id === id);
    for (const { path, ref } of list) setAt(entity, path, ref);
  }
  return copy as T;
}

function setAt(obj: unknown, path: (string | number)[], value: unknown): void {
  let o = obj as Record<string | number, unknown> | undefined;
  for (const seg of path.slice(0, -1)) o = o?.[seg] as Record<string | number, unknown> | undefined;
  if (o) o[path[path.length - 1]] = value;
}
