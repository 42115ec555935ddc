import { Command, Option } from 'commander';
import { loadConfig } from '../config/load.js';
import { hasErrors } from '../config/issues.js';
import { renderGithub, renderJson, renderText, type IssueFormat } from './render-issues.js';
import { EXIT, UNREADABLE_CODES } from './exit-codes.js';
import { lintCompiled } from './lint-compiled.js';

export function lintCommand(): Command {
  return new Command('lint')
    .description('check configuration files; every problem with file:line:col')
    .argument('<files...>', 'files or directories (*.yml, *.yaml, *.json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--strict', 'fail on warnings too', false)
    .action((files: string[], opts: { format: IssueFormat; strict: boolean }) => {
      process.exitCode = runLint(files, opts);
    });
}

export function runLint(inputs: string[], opts: { format: IssueFormat; strict: boolean }): number {
  const result = loadConfig(inputs, { hash: false });
  const issues = result.config ? [...result.issues, ...lintCompiled(result)] : result.issues;
  const failed = hasErrors(issues) || (opts.strict && issues.length > 0);
  const write = (s: string) => process.stdout.write(s);
  if (opts.format === 'json') write(renderJson(issues, result.files, !failed));
  else if (opts.format === 'github') write(renderGithub(issues));
  else write(renderText(issues, result.files, process.stdout.isTTY === true));
  if (issues.some((i) => UNREADABLE_CODES.has(i.code))) return EXIT.usage;
  return failed ? EXIT.problems : EXIT.ok;
}
