/**
 * `gatewayd lint --format json <files>` in a child process that also reports
 * its peak memory on stderr (for the bad-input tests).
 */
import { runLint } from '../../src/cli/lint.js';

const code = runLint(process.argv.slice(2), { format: 'json', strict: false });
process.stderr.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
