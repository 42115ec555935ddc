/**
 * One measured run of loadConfig (bench/lint.ts starts this in a fresh
 * process each time): prints `{ ms, cpuMs, maxRssMb, errors, routes }` as JSON.
 */
import { loadConfig } from '../src/config/load.js';

const file = process.argv[2];
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = loadConfig([file], { hash: false });
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const errors = result.issues.filter((i) => i.severity === 'error');
process.stdout.write(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    errors: errors.length,
    firstError: errors[0]?.message,
    routes: result.config?.routes.length ?? 0,
  }) + '\n',
);
