import { Command } from 'commander';
import { lintCommand } from './cli/lint.js';
import { printCommand } from './cli/print.js';
import { schemaCommand } from './cli/schema.js';
import { startCommand } from './cli/start.js';
import { explainCommand } from './cli/explain.js';
import { EXIT } from './cli/exit-codes.js';
import { VERSION } from './version.js';

/** Usage errors (unknown option, missing argument, bad choice) exit 2; --help and --version exit 0. */
const exitOnUsage = (err: { exitCode: number }) => {
  process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
};

export function buildProgram(): Command {
  const program = new Command('gatewayd')
    .description("a DB-less API gateway for Kong's declarative configuration format")
    .version(VERSION)
    .exitOverride(exitOnUsage);
  // addCommand does not pass exitOverride on to subcommands: set it on each.
  for (const cmd of [startCommand(), lintCommand(), printCommand(), explainCommand(), schemaCommand()]) {
    program.addCommand(cmd.exitOverride(exitOnUsage), cmd.name() === 'start' ? { isDefault: true } : {});
  }
  return program;
}

await buildProgram().parseAsync(process.argv);
