/**
 * Proxy throughput + latency bench (a script, not a test). One run measures,
 * with wrk against a local upstream on 127.0.0.1 only:
 *
 *   1. the upstream hit directly,
 *   2. gatewayd --workers 1,
 *   3. gatewayd --workers <all cores>,
 *   4. nginx `proxy_pass` with upstream keepalive, 1 worker (skipped when nginx is not installed),
 *   5. (reference, BARE=0 skips it) the stack's ceiling: bench/proxy-core.ts's bare uWS + undici Pool
 *      `dispatch` relay (no routing, no header work), pinned like gatewayd --workers 1,
 *
 * and prints a table with ratios against nginx-1-worker computed within the
 * same run (against the direct upstream when nginx is absent).
 *
 * Method (as in /work/shared/PERF-ANCHORS.md): the proxy under test pinned to
 * core 0, wrk (-t1 -c50) and the upstream pinned to core 1 with `taskset`
 * (unpinned when taskset is missing); ROUNDS interleaved rounds of SECONDS
 * each (target order rotated every round); medians. "gatewayd all workers"
 * cannot be confined to core 0: it runs unpinned and so shares core 1 with wrk
 * and the upstream (on a 2-core machine it is not a 2x-cores figure).
 *
 * Then "added latency at moderate load": wrk -t1 -c RATE_CONNECTIONS with a Lua
 * `delay()` throttle (each connection waits RATE_CONNECTIONS*1000/RATE ms
 * between requests: about RATE req/s in total; the achieved rate is printed),
 * same interleaving, p50/p99/p99.9 through each proxy minus the direct ones.
 * wrk measures latency from the moment a request is written, so the throttle
 * delay is not counted.
 *
 * gatewayd's configuration: one service (url = the upstream) + one route with
 * the plain prefix path `/bench` (strip_path: false, so the upstream sees the
 * same path as through nginx); started as
 *   node bin/gatewayd --config <tmp>/kong.yml --listen 127.0.0.1:<port> --admin-listen off
 *        --workers N --state-dir off --no-watch
 * waited for (first 200 through it) and stopped with SIGTERM. Requests: wrk's
 * `GET /bench?x=1` (Host header only).
 *
 * Upstream: nginx `return 200 "hello world\n"` (1 worker) when nginx exists;
 * otherwise a uWebSockets.js server answering the same body (this script, role
 * `upstream`). Percentiles come from wrk's own histogram via a Lua `done()`.
 * CPU µs/request: utime+stime of the process under test (all its threads and
 * child processes, e.g. nginx master + worker) over the run / requests served.
 * "core 0 other %": how busy core 0 was with anything but the process under
 * test during the run (other work on a shared machine; for "upstream direct"
 * core 0 should be idle): above a few % the absolute figures are disturbed.
 *
 * Usage (from the repo root; gatewayd runs from dist/, so build first):
 *
 *   npm run build
 *   node --import tsx bench/proxy.ts                      # full run: 5 x 5 s throughput + 5 x 5 s at ~2,000 req/s, per target (~4.5 min)
 *   ROUNDS=2 SECONDS=2 RATE_SECONDS=2 node --import tsx bench/proxy.ts   # quick run (~1 min)
 *
 * The tables (markdown) go to stdout, per-round progress to stderr. Compare
 * ratios within one run; absolute figures move with the machine (see the
 * "core 0 other %" column and the load average line).
 *
 * Environment (all optional):
 *   ROUNDS=5  SECONDS=5  CONNECTIONS=50     throughput runs (wrk -t1 -cCONNECTIONS -dSECONDS, ROUNDS times)
 *   RATE=2000 RATE_CONNECTIONS=4 RATE_SECONDS=5   moderate-load runs (RATE_ROUNDS defaults to ROUNDS; RATE=0 skips them)
 *   BARE=0                   skip the bare uWS + undici reference line
 *   NGINX=0                  skip nginx entirely (proxy and upstream): uWS upstream, ratios vs direct
 *   WORKERS_ALL=N            workers of the "all workers" case (default: os.availableParallelism())
 *   GATEWAYD_EXTRA="--x y"   extra arguments for gatewayd
 *   CPU_PROF_DIR=DIR         run gatewayd with --cpu-prof --cpu-prof-dir DIR (profiles every thread; slows it)
 *   KEEP_TMP=1               keep the temporary directory (configs, nginx logs)
 *
 * Requires wrk (apt-get install -y wrk). Every child process is started in its
 * own process group and killed on exit (normal end, error, SIGINT/SIGTERM or
 * the global watchdog).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(SELF, '../..');
const BODY = 'hello world\n';

// ------------------------------------------------------------ upstream role (uWS, when nginx is absent)

async function runUpstream(port: number): Promise<void> {
  const { default: uWS } = await import('uWebSockets.js');
  uWS.App().any('/*', (res) => void res.end(BODY)).listen('127.0.0.1', port, (ls) => {
    if (!ls) {
      process.stderr.write(`upstream: cannot listen on ${port}\n`);
      process.exit(1);
    }
    process.once('SIGTERM', () => {
      uWS.us_listen_socket_close(ls);
      process.exit(0);
    });
  });
}

// ------------------------------------------------------------ settings

const env = (name: string, def: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`invalid ${name}=${v}`);
  return n;
};

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

interface Settings {
  rounds: number;
  seconds: number;
  connections: number;
  rate: number;
  rateConnections: number;
  rateSeconds: number;
  rateRounds: number;
  workersAll: number;
  useNginx: boolean;
  bare: boolean;
  taskset: boolean;
}

// ------------------------------------------------------------ process bookkeeping

const children = new Set<ChildProcess>();
const stopping = new WeakSet<ChildProcess>();
let tmp = '';

function killGroup(p: ChildProcess, signal: NodeJS.Signals): void {
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return;
  try {
    process.kill(-p.pid, signal); // own process group (detached): reaches nginx workers too
  } catch {
    try {
      p.kill(signal);
    } catch { /* gone */ }
  }
}

function cleanupSync(): void {
  for (const p of children) killGroup(p, 'SIGKILL');
  children.clear();
  if (tmp !== '' && process.env.KEEP_TMP !== '1') rmSync(tmp, { recursive: true, force: true });
}

/** SIGTERM, wait up to `ms`, then SIGKILL. */
async function stop(p: ChildProcess, ms = 15_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) {
    children.delete(p);
    return;
  }
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  stopping.add(p);
  killGroup(p, signal);
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    process.stderr.write(`pid ${p.pid} did not exit after ${signal} within ${ms} ms: SIGKILL\n`);
    killGroup(p, 'SIGKILL');
    await exited;
  }
  children.delete(p);
}

function launch(name: string, cmd: string[], cores: string | null, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  const argv = cores !== null ? ['taskset', '-c', cores, ...cmd] : cmd;
  const p = spawn(argv[0], argv.slice(1), {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extraEnv },
  });
  children.add(p);
  let tail = '';
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
  p.stdout!.on('data', keep);
  p.stderr!.on('data', keep);
  p.on('exit', (code, sig) => {
    if (!stopping.has(p)) process.stderr.write(`${name} exited early (code ${code}, signal ${sig})\n${tail}\n`);
    children.delete(p);
  });
  return p;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

/** Wait until GET http://127.0.0.1:port/bench answers 200. */
async function waitReady(name: string, port: number, p: ChildProcess, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (p.exitCode !== null || p.signalCode !== null) throw new Error(`${name} exited before answering`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/bench?x=1`, { signal: AbortSignal.timeout(1000) });
      const body = await r.text();
      if (r.status === 200 && body === BODY) return;
      last = `status ${r.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not answer on ${port} within ${ms} ms (${last})`);
}

// ------------------------------------------------------------ CPU accounting

/** utime + stime (µs) of a process, all its threads included, plus its direct children (nginx workers). */
function cpuMicros(pid: number): number {
  const one = (p: number): number => {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1e6) / 100; // USER_HZ = 100
    } catch {
      return 0;
    }
  };
  let sum = one(pid);
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const kids = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (kids !== '') for (const k of kids.split(/\s+/)) sum += one(Number(k));
    }
  } catch { /* no /proc: 0 */ }
  return sum;
}

/** Busy and total time (µs) of one core since boot, from /proc/stat. */
function coreBusy(core: number): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${core} `));
    if (line === undefined) return { busy: NaN, total: NaN };
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
    const idle = f[3] + f[4];
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: ((total - idle) * 1e6) / 100, total: (total * 1e6) / 100 };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

// ------------------------------------------------------------ wrk

interface WrkResult {
  rps: number;
  requests: number;
  /** µs */
  p50: number;
  p99: number;
  p999: number;
  errors: number;
  non2xx: number;
  /** CPU µs per request of the process under test; NaN when not measured. */
  cpuPerReq: number;
  /** Share of core 0 busy with anything but the process under test (other work on the machine), 0..1; NaN when unknown. */
  core0Other: number;
}

const DONE_LUA = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    e.connect + e.read + e.write + e.timeout, e.status))
end
`;

/** One wrk run (async, so that SIGINT/SIGTERM are handled while it runs; killed after seconds + 15 s). */
async function wrk(s: Settings, script: string, port: number, connections: number, seconds: number, pid: number | null): Promise<WrkResult> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, `http://127.0.0.1:${port}/bench?x=1`];
  const cmd = s.taskset ? ['taskset', '-c', '1', 'wrk', ...args] : ['wrk', ...args];
  const before = pid === null ? 0 : cpuMicros(pid);
  const core0Before = coreBusy(0);
  const p = spawn(cmd[0], cmd.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(p);
  stopping.add(p); // its exit is expected
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => killGroup(p, 'SIGKILL'), (seconds + 15) * 1000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((ok) => p.once('close', (c, sig) => ok([c, sig])));
  clearTimeout(timer);
  children.delete(p);
  const core0After = coreBusy(0);
  const after = pid === null ? 0 : cpuMicros(pid);
  const m = /BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(stdout);
  if (!m) throw new Error(`wrk failed (status ${code}, signal ${signal}): ${stdout}${stderr}`);
  const [requests, durationUs, p50, p99, p999, errors, non2xx] = m.slice(1).map(Number);
  const rps = requests / (durationUs / 1e6);
  const core0 = core0After.busy - core0Before.busy;
  const core0Total = core0After.total - core0Before.total;
  const core0Other = core0Total > 0 ? Math.max(0, core0 - (pid === null ? 0 : after - before)) / core0Total : NaN;
  return { rps, requests, p50, p99, p999, errors, non2xx, cpuPerReq: pid === null || requests === 0 ? NaN : (after - before) / requests, core0Other };
}

// ------------------------------------------------------------ targets

interface Target {
  name: string;
  port: number;
  /** Process whose CPU is charged to the target (null: not measured). */
  pid: number | null;
  /** Runs alone on core 0 (so the rest of core 0's busy time is other work). */
  pinned: boolean;
}

function nginxConf(dir: string, name: string, body: string): string {
  const conf = join(dir, `${name}.conf`);
  writeFileSync(conf, `
worker_processes 1;
daemon off;
pid ${dir}/${name}.pid;
error_log ${dir}/${name}.error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/${name}-body;
  proxy_temp_path ${dir}/${name}-proxy;
  fastcgi_temp_path ${dir}/${name}-fastcgi;
  uwsgi_temp_path ${dir}/${name}-uwsgi;
  scgi_temp_path ${dir}/${name}-scgi;
  keepalive_requests 10000;
  keepalive_timeout 65;
${body}
}
`);
  return conf;
}

async function startNginx(name: string, conf: string, cores: string | null, port: number): Promise<ChildProcess> {
  const p = launch(name, ['nginx', '-p', tmp, '-e', join(tmp, `${name}.error.log`), '-c', conf], cores);
  await waitReady(name, port, p);
  return p;
}

async function startGatewayd(name: string, workers: number, cores: string | null): Promise<{ proc: ChildProcess; port: number }> {
  const port = await freePort();
  const cmd = [process.execPath];
  if (process.env.CPU_PROF_DIR) cmd.push('--cpu-prof', '--cpu-prof-dir', resolve(process.env.CPU_PROF_DIR));
  cmd.push(join(ROOT, 'bin/gatewayd'), '--config', join(tmp, 'kong.yml'), '--listen', `127.0.0.1:${port}`,
    '--admin-listen', 'off', '--workers', String(workers), '--state-dir', 'off', '--no-watch');
  if (process.env.GATEWAYD_EXTRA) cmd.push(...process.env.GATEWAYD_EXTRA.trim().split(/\s+/));
  const proc = launch(name, cmd, cores, { GATEWAYD_LOG_LEVEL: 'warn' });
  await waitReady(name, port, proc);
  return { proc, port };
}

// ------------------------------------------------------------ report helpers

const median = (xs: number[]): number => {
  const v = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const ms = (us: number): string => (us / 1000).toFixed(2);
const k = (n: number): string => Math.round(n).toLocaleString('en-US');

function rotate<T>(xs: readonly T[], by: number): T[] {
  const n = by % xs.length;
  return [...xs.slice(n), ...xs.slice(0, n)];
}

// ------------------------------------------------------------ driver

async function drive(): Promise<void> {
  const taskset = has('taskset');
  const s: Settings = {
    rounds: env('ROUNDS', 5),
    seconds: env('SECONDS', 5),
    connections: env('CONNECTIONS', 50),
    rate: env('RATE', 2000),
    rateConnections: env('RATE_CONNECTIONS', 4),
    rateSeconds: env('RATE_SECONDS', 5),
    rateRounds: env('RATE_ROUNDS', env('ROUNDS', 5)),
    workersAll: env('WORKERS_ALL', availableParallelism()),
    useNginx: process.env.NGINX !== '0' && has('nginx'),
    bare: process.env.BARE !== '0',
    taskset,
  };
  if (!has('wrk')) throw new Error('wrk not found: apt-get install -y wrk');
  const distMain = join(ROOT, 'dist/main.js');
  if (!existsSync(distMain)) throw new Error('dist/ is missing: run `npm run build` first');
  if (newestMtime(join(ROOT, 'src')) > statSync(distMain).mtimeMs) {
    process.stderr.write('warning: src/ has files newer than dist/main.js: run `npm run build` to bench the current code\n');
  }

  // Bounded in time: wrk runs + start-up/stop allowance; the watchdog kills everything past it.
  const targetsCount = (s.useNginx ? 4 : 3) + (s.bare ? 1 : 0);
  const budget = targetsCount * (s.rounds * (s.seconds + 1) + (s.rate > 0 ? s.rateRounds * (s.rateSeconds + 1) : 0) + 2) + 120;
  setTimeout(() => {
    process.stderr.write(`watchdog: bench exceeded ${budget} s, killing everything\n`);
    cleanupSync();
    process.exit(3);
  }, budget * 1000).unref();

  tmp = mkdtempSync(join(tmpdir(), 'gatewayd-bench-'));
  chmodSync(tmp, 0o755); // nginx workers run as `nobody` when started by root
  const doneLua = join(tmp, 'done.lua');
  writeFileSync(doneLua, DONE_LUA);
  const delayMs = s.rate > 0 ? Math.max(1, Math.round((s.rateConnections * 1000) / s.rate)) : 0;
  const rateLua = join(tmp, 'rate.lua');
  writeFileSync(rateLua, `${DONE_LUA}\ndelay = function() return ${delayMs} end\n`);

  const core0 = taskset ? '0' : null;
  const core1 = taskset ? '1' : null;
  const allCores = null; // gatewayd "all workers": unpinned

  // Upstream (core 1)
  const backendPort = await freePort();
  let backend: ChildProcess;
  let backendKind: string;
  if (s.useNginx) {
    const conf = nginxConf(tmp, 'upstream', `
  server {
    listen 127.0.0.1:${backendPort};
    location / { default_type text/plain; return 200 "${BODY.replace('\n', '\\n')}"; }
  }`);
    backend = await startNginx('nginx upstream', conf, core1, backendPort);
    backendKind = 'nginx `return 200`, 1 worker';
  } else {
    backend = launch('uWS upstream', [process.execPath, '--import', 'tsx', SELF, 'upstream', String(backendPort)], core1);
    await waitReady('uWS upstream', backendPort, backend);
    backendKind = 'uWebSockets.js `res.end(body)`, 1 thread';
  }

  writeFileSync(join(tmp, 'kong.yml'), `_format_version: "3.0"
services:
  - name: bench
    url: http://127.0.0.1:${backendPort}
    routes:
      - name: bench
        paths: ["/bench"]
        strip_path: false
`);

  const targets: Target[] = [{ name: 'upstream direct', port: backendPort, pid: null, pinned: taskset }];
  const procs: ChildProcess[] = [];

  let nginxName: string | null = null;
  if (s.useNginx) {
    const port = await freePort();
    const conf = nginxConf(tmp, 'proxy', `
  upstream backend {
    server 127.0.0.1:${backendPort};
    keepalive 64;
    keepalive_requests 10000;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }`);
    const p = await startNginx('nginx proxy', conf, core0, port);
    procs.push(p);
    nginxName = 'nginx proxy_pass, keepalive, 1 worker';
    targets.push({ name: nginxName, port, pid: p.pid!, pinned: taskset });
  }
  const g1 = await startGatewayd('gatewayd 1 worker', 1, core0);
  procs.push(g1.proc);
  targets.push({ name: 'gatewayd --workers 1', port: g1.port, pid: g1.proc.pid!, pinned: taskset });
  const gAll = await startGatewayd(`gatewayd ${s.workersAll} workers`, s.workersAll, allCores);
  procs.push(gAll.proc);
  targets.push({ name: `gatewayd --workers ${s.workersAll} (unpinned)`, port: gAll.port, pid: gAll.proc.pid!, pinned: false });

  if (s.bare) {
    // bench/proxy-core.ts's `bare` role prints `PORT n` once listening
    const p = launch('bare uWS + undici', [process.execPath, '--import', 'tsx', join(ROOT, 'bench/proxy-core.ts'), 'bare', `http://127.0.0.1:${backendPort}`], core0);
    const port = await new Promise<number | null>((ok) => {
      const timer = setTimeout(() => ok(null), 20_000);
      p.stdout!.on('data', (d: Buffer) => {
        const m = /PORT (\d+)/.exec(d.toString());
        if (m) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      });
      p.once('exit', () => ok(null));
    });
    if (port === null) {
      process.stderr.write('bare uWS + undici reference did not start: skipped\n');
      await stop(p);
    } else {
      await waitReady('bare uWS + undici', port, p);
      procs.push(p);
      targets.push({ name: 'bare uWS + undici dispatch (ceiling)', port, pid: p.pid!, pinned: taskset });
    }
  }

  const load = new Map<string, WrkResult[]>(targets.map((t) => [t.name, []]));
  const rated = new Map<string, WrkResult[]>(targets.map((t) => [t.name, []]));
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const loadBefore = loadavg();
  say(`upstream: ${backendKind} on 127.0.0.1:${backendPort}; taskset ${taskset ? 'yes' : 'MISSING (unpinned)'}; tmp ${tmp}`);

  for (const t of targets) await wrk(s, doneLua, t.port, s.connections, 1, null); // warm-up (JIT, pools)
  for (let r = 0; r < s.rounds; r++) {
    for (const t of rotate(targets, r)) {
      const res = await wrk(s, doneLua, t.port, s.connections, s.seconds, t.pid);
      load.get(t.name)!.push(res);
      say(`round ${r + 1}/${s.rounds} ${t.name}: ${k(res.rps)} req/s p50 ${ms(res.p50)} ms p99 ${ms(res.p99)} ms, core 0 other ${(100 * res.core0Other).toFixed(0)}%${res.errors + res.non2xx > 0 ? ` ERRORS ${res.errors} non-2xx ${res.non2xx}` : ''}`);
    }
  }
  if (s.rate > 0) {
    for (let r = 0; r < s.rateRounds; r++) {
      for (const t of rotate(targets, r)) {
        const res = await wrk(s, rateLua, t.port, s.rateConnections, s.rateSeconds, t.pid);
        rated.get(t.name)!.push(res);
        say(`rate round ${r + 1}/${s.rateRounds} ${t.name}: ${k(res.rps)} req/s p50 ${ms(res.p50)} ms p99 ${ms(res.p99)} ms, core 0 other ${(100 * res.core0Other).toFixed(0)}%${res.errors + res.non2xx > 0 ? ` ERRORS ${res.errors} non-2xx ${res.non2xx}` : ''}`);
      }
    }
  }

  const loadAfter = loadavg();
  for (const p of procs) await stop(p);
  await stop(backend, 15_000, s.useNginx ? 'SIGQUIT' : 'SIGTERM');

  // ---------------------------------------------------------- report
  const refName = nginxName ?? 'upstream direct';
  const refRps = median(load.get(refName)!.map((x) => x.rps));
  const out: string[] = [];
  out.push(`## Throughput: wrk -t1 -c${s.connections}, ${s.seconds} s x ${s.rounds} interleaved rounds, medians`);
  out.push(`upstream: ${backendKind}; proxy under test on core 0, wrk + upstream on core 1${taskset ? '' : ' (taskset missing: nothing pinned)'}; node ${process.version}; ${availableParallelism()} cores; load average before/after ${loadBefore.toFixed(2)}/${loadAfter.toFixed(2)}${Math.max(loadBefore, loadAfter) > 1.5 ? ' (machine busy: other work shares the cores; compare ratios, not absolutes)' : ''}`);
  out.push('');
  const bareName = 'bare uWS + undici dispatch (ceiling)';
  const bareRps = load.has(bareName) ? median(load.get(bareName)!.map((x) => x.rps)) : NaN;
  const refCpu = nginxName ? median(load.get(nginxName)!.map((x) => x.cpuPerReq)) : NaN;
  out.push(`| target | req/s | p50 ms | p99 ms | CPU µs/req | x ${nginxName ? 'nginx 1 worker' : 'upstream direct'} |${nginxName ? ' CPU/req x nginx |' : ''}${Number.isNaN(bareRps) ? '' : ' x bare |'} core 0 other % | req/s per round |`);
  out.push(`|---|---:|---:|---:|---:|---:|${nginxName ? '---:|' : ''}${Number.isNaN(bareRps) ? '' : '---:|'}---:|---|`);
  for (const t of targets) {
    const rs = load.get(t.name)!;
    const rps = median(rs.map((x) => x.rps));
    const cpu = median(rs.map((x) => x.cpuPerReq));
    const errs = rs.reduce((a, x) => a + x.errors + x.non2xx, 0);
    const cpuRatio = nginxName ? ` ${Number.isNaN(cpu) ? '-' : (cpu / refCpu).toFixed(2)} |` : '';
    const bareRatio = Number.isNaN(bareRps) ? '' : ` ${(rps / bareRps).toFixed(2)} |`;
    out.push(`| ${t.name} | ${k(rps)} | ${ms(median(rs.map((x) => x.p50)))} | ${ms(median(rs.map((x) => x.p99)))} | ${Number.isNaN(cpu) ? '-' : cpu.toFixed(1)} | ${(rps / refRps).toFixed(2)} |${cpuRatio}${bareRatio} ${t.pinned ? (100 * median(rs.map((x) => x.core0Other))).toFixed(0) : '-'} | ${rs.map((x) => k(x.rps)).join(' / ')}${errs > 0 ? ` (${errs} errors)` : ''} |`);
  }
  const g1rps = median(load.get('gatewayd --workers 1')!.map((x) => x.rps));
  if (nginxName) {
    const ratio = g1rps / refRps;
    out.push('');
    out.push(`gatewayd 1 worker / nginx 1 worker = ${ratio.toFixed(2)} (target >= 0.50: ${ratio >= 0.5 ? 'MET' : 'MISSED'})`);
  }
  if (s.rate > 0) {
    const direct = rated.get('upstream direct')!;
    const d = { p50: median(direct.map((x) => x.p50)), p99: median(direct.map((x) => x.p99)), p999: median(direct.map((x) => x.p999)) };
    out.push('');
    out.push(`## Moderate load: wrk -t1 -c${s.rateConnections}, each connection waits ${delayMs} ms between requests (~${k((s.rateConnections * 1000) / delayMs)} req/s offered), ${s.rateSeconds} s x ${s.rateRounds} rounds, medians`);
    out.push('');
    out.push('"added" = median of this target minus median of upstream direct; "paired" = median over rounds of (this target - upstream direct in the same round), less sensitive to noise that comes and goes.');
    out.push('');
    out.push('| target | achieved req/s | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms | added p99 ms, paired | added p99.9 ms | core 0 other % | p99 ms per round |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const t of targets) {
      const rs = rated.get(t.name)!;
      const m = { p50: median(rs.map((x) => x.p50)), p99: median(rs.map((x) => x.p99)), p999: median(rs.map((x) => x.p999)) };
      const add = (a: number, b: number) => (t.name === 'upstream direct' ? '-' : ms(a - b));
      const paired = t.name === 'upstream direct' ? '-' : ms(median(rs.map((x, i) => x.p99 - direct[i].p99)));
      const other = t.pinned ? (100 * median(rs.map((x) => x.core0Other))).toFixed(0) : '-';
      out.push(`| ${t.name} | ${k(median(rs.map((x) => x.rps)))} | ${ms(m.p50)} | ${ms(m.p99)} | ${ms(m.p999)} | ${add(m.p50, d.p50)} | ${add(m.p99, d.p99)} | ${paired} | ${add(m.p999, d.p999)} | ${other} | ${rs.map((x) => ms(x.p99)).join(' / ')} |`);
    }
    const g = rated.get('gatewayd --workers 1')!;
    const added = median(g.map((x) => x.p99)) - d.p99;
    const addedPaired = median(g.map((x, i) => x.p99 - direct[i].p99));
    out.push('');
    out.push(`gatewayd 1 worker p99 added at moderate load = ${ms(added)} ms (paired per round: ${ms(addedPaired)} ms) (target < 1 ms: ${Math.max(added, addedPaired) < 1000 ? 'MET' : 'MISSED'})`);
    if (nginxName) {
      const n = rated.get(nginxName)!;
      out.push(`for comparison, nginx 1 worker adds ${ms(median(n.map((x) => x.p99)) - d.p99)} ms (paired ${ms(median(n.map((x, i) => x.p99 - direct[i].p99)))} ms) at p99 on the same machine`);
    }
  }
  console.log(out.join('\n'));
}

function loadavg(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

// ------------------------------------------------------------ entry

const [role, arg] = process.argv.slice(2);
if (role === 'upstream') {
  await runUpstream(Number(arg));
} else {
  process.on('exit', cleanupSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      process.stderr.write(`${sig}: stopping\n`);
      cleanupSync();
      process.exit(130);
    });
  }
  try {
    await drive();
  } catch (err) {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    cleanupSync();
  }
}
