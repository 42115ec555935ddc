import { Command } from 'commander';
import { documentJsonSchema } from '../config/schema/document-schema.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of the configuration format (generated from the zod schemas)')
    .action(() => {
      process.stdout.write(JSON.stringify(documentJsonSchema(), null, 2) + '\n');
    });
}
