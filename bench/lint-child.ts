/**
 * One measured run of what `gatewayd lint` does: loadConfig, then the
 * compile with lint's analyses (bench/lint.ts starts this in a fresh
 * process each time): prints `{ ms, loadMs, cpuMs, maxRssMb, errors, routes }` as JSON.
 */
import { loadConfig } from '../src/config/load.js';
import { lintCompiled } from '../src/cli/lint-compiled.js';

const file = process.argv[2];
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = loadConfig([file], { hash: false });
const loadMs = performance.now() - start;
const warnings = lintCompiled(result);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const errors = result.issues.filter((i) => i.severity === 'error');
process.stdout.write(
  JSON.stringify({
    ms,
    loadMs,
    warnings: warnings.length,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    errors: errors.length,
    firstError: errors[0]?.message,
    routes: result.config?.routes.length ?? 0,
  }) + '\n',
);
