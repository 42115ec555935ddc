import { Command } from 'commander';
import { lintCommand } from './cli/lint.js';
import { printCommand } from './cli/print.js';
import { schemaCommand } from './cli/schema.js';
import { startCommand } from './cli/start.js';
import { EXIT } from './cli/exit-codes.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  const program = new Command('gatewayd')
    .description("a DB-less API gateway for Kong's declarative configuration format")
    .version(VERSION)
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
    });
  program.addCommand(startCommand(), { isDefault: true });
  program.addCommand(lintCommand());
  program.addCommand(printCommand());
  program.addCommand(schemaCommand());
  return program;
}

await buildProgram().parseAsync(process.argv);
