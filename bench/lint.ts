/**
 * `node --import tsx bench/lint.ts [runs]`: how long `gatewayd lint` takes
 * (loadConfig + the compile with lint's route analyses) on a large file, and
 * how much memory. Generates 5,000 services and 10,000 routes
 * with key-auth, ip-restriction and cors on a share of them (YAML, in a temp
 * dir), then loads it in a fresh child process per run and reports the median
 * time and the peak RSS. Targets on a 2-core machine: < 1.5 s, < 300 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVICES = 5_000;
const ROUTES_PER_SERVICE = 2;
const TARGET_MS = 1_500;
const TARGET_RSS_MB = 300;
const runs = Number(process.argv[2] ?? 5);
const here = dirname(fileURLToPath(import.meta.url));

function serviceYaml(i: number): string {
  const lines = [`  - name: svc-${i}`, `    url: http://backend-${i % 50}.internal:8080/api/${i}`, '    routes:'];
  for (let r = 0; r < ROUTES_PER_SERVICE; r++) {
    lines.push(
      `      - name: route-${i}-${r}`,
      `        hosts: [api-${i % 100}.example.com]`,
      `        paths: [/v${r + 1}/svc-${i}${r === 1 ? ', "~/v2/svc-' + i + '/(?<id>\\\\d+)$"' : ''}]`,
      `        methods: [GET, POST]`,
    );
    if ((i + r) % 4 === 0) lines.push('        plugins:', '          - name: key-auth', '            config: { key_names: [apikey, x-api-key] }');
  }
  const plugins: string[] = [];
  if (i % 5 === 0) plugins.push(...FIFTH_PLUGIN);
  if (i % 3 === 0) plugins.push('      - name: cors', '        config: { origins: ["https://app.example.com"], credentials: true }');
  if (plugins.length) lines.push('    plugins:', ...plugins);
  return lines.join('\n');
}

/**
 * WITH_RATE_LIMITING=1 puts rate-limiting where ip-restriction is: gatewayd
 * cannot run rate-limiting yet, so lint then has a warning to locate, and the
 * run includes the position parse of the whole file (~2 s for 2.2 MB).
 */
const FIFTH_PLUGIN = process.env.WITH_RATE_LIMITING
  ? ['      - name: rate-limiting', '        config: { minute: 100, hour: 1000, policy: local }']
  : ['      - name: ip-restriction', '        config: { allow: [10.0.0.0/8, 192.168.0.0/16] }'];

function generate(dir: string): string {
  const parts = ['_format_version: "3.0"', 'services:'];
  for (let i = 0; i < SERVICES; i++) parts.push(serviceYaml(i));
  parts.push('consumers:');
  for (let i = 0; i < 200; i++) parts.push(`  - username: user-${i}`, '    keyauth_credentials:', `      - key: key-${i}`);
  const file = join(dir, 'kong.yaml');
  writeFileSync(file, parts.join('\n') + '\n');
  return file;
}

interface Run {
  ms: number;
  loadMs: number;
  cpuMs: number;
  maxRssMb: number;
  errors: number;
  firstError?: string;
  routes: number;
}

function runOnce(file: string): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'lint-child.ts'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'gatewayd-bench-'));
try {
  const file = generate(dir);
  const mb = statSync(file).size / 1024 / 1024;
  console.log(`config: ${SERVICES} services, ${SERVICES * ROUTES_PER_SERVICE} routes, ${mb.toFixed(1)} MB of YAML`);
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const run = runOnce(file);
    if (run.errors > 0) throw new Error(`the generated config has ${run.errors} errors: ${run.firstError}`);
    results.push(run);
    console.log(`run ${i + 1}: ${run.ms.toFixed(0)} ms (load ${run.loadMs.toFixed(0)} ms, CPU ${run.cpuMs.toFixed(0)} ms), peak RSS ${run.maxRssMb.toFixed(0)} MB, ${run.routes} routes`);
  }
  const ms = median(results.map((r) => r.ms));
  const rss = Math.max(...results.map((r) => r.maxRssMb));
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const load = loadavg()[0].toFixed(1);
  console.log(`machine: ${availableParallelism()} cores, load average ${load} (other processes slow the wall-clock figure down)`);
  console.log(`median CPU time: ${median(results.map((r) => r.cpuMs)).toFixed(0)} ms (includes V8's parallel GC threads)`);
  console.log(`median load: ${median(results.map((r) => r.loadMs)).toFixed(0)} ms`);
  console.log(`median lint (load + compile + route analyses): ${ms.toFixed(0)} ms (target < ${TARGET_MS} ms: ${verdict(ms < TARGET_MS)})`);
  console.log(`peak RSS: ${rss.toFixed(0)} MB (target < ${TARGET_RSS_MB} MB: ${verdict(rss < TARGET_RSS_MB)})`);
  process.exitCode = ms < TARGET_MS && rss < TARGET_RSS_MB ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
