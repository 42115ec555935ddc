/**
 * Bench of the data-plane core (not a test): wrk against
 *   1. the upstream hit directly,
 *   2. a bare uWS + undici Pool `dispatch` relay (no header work: the ceiling),
 *   3. gatewayd's forwarder (copyRequestHead → buildUpstreamHeaders → forward),
 * interleaved over several rounds, medians printed. The proxies run pinned to
 * core 0, the upstream and wrk to core 1 (when taskset exists).
 *
 *   node --import tsx bench/proxy-core.ts [--seconds 5] [--rounds 5] [--connections 50]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import uWS from 'uWebSockets.js';
import { Pool, type Dispatcher } from 'undici';
import { copyRequestHead } from '../src/runtime/http/request-head.js';
import { configureUws } from '../src/runtime/http/uws-config.js';
import { forward } from '../src/runtime/proxy/forward.js';
import { UpstreamPools } from '../src/runtime/proxy/pools.js';
import { buildUpstreamHeaders } from '../src/runtime/proxy/upstream-headers.js';

const SELF = fileURLToPath(import.meta.url);
const BODY = 'hello world\n';

function listen(app: uWS.TemplatedApp, onPort?: (port: number) => void): void {
  app.listen('127.0.0.1', 0, (ls) => {
    if (!ls) throw new Error('listen failed');
    // SIGINT ends a role cleanly (closing uWS first), so `--cpu-prof` can write its profile
    process.once('SIGINT', () => {
      uWS.us_listen_socket_close(ls);
      process.exit(0);
    });
    const port = uWS.us_socket_local_port(ls as unknown as uWS.us_socket);
    onPort?.(port);
    process.stdout.write(`PORT ${port}\n`);
  });
}

function runUpstream(): void {
  listen(uWS.App().any('/*', (res) => void res.end(BODY)));
}

/** The bare ceiling: relay status + body only. */
function runBare(origin: string): void {
  const pool = new Pool(origin, { connections: null, pipelining: 1, keepAliveTimeout: 60_000 });
  listen(uWS.App().any('/*', (res, req) => {
    const path = req.getUrl();
    let aborted = false;
    res.onAborted(() => (aborted = true));
    const chunks: Buffer[] = [];
    let status = 0;
    const handler: Dispatcher.DispatchHandler = {
      onConnect() {},
      onHeaders(s) {
        status = s;
        return true;
      },
      onData(c) {
        chunks.push(c);
        return true;
      },
      onComplete() {
        if (!aborted) res.cork(() => res.writeStatus(String(status)).end(Buffer.concat(chunks)));
      },
      onError() {
        if (!aborted) res.cork(() => res.writeStatus('502').end());
      },
    };
    pool.dispatch({ path, method: 'GET' }, handler);
  }));
}

function runForwarder(origin: string): void {
  configureUws();
  const pools = new UpstreamPools();
  const host = new URL(origin).host;
  let port = 0;
  const hooks = { pools };
  listen(uWS.App().any('/*', (res, req) => {
    const head = copyRequestHead(res, req, port);
    forward(res, head, {
      origin, method: head.method, path: head.query === '' ? head.url : `${head.url}?${head.query}`,
      headers: buildUpstreamHeaders(head, { host, scheme: 'http', withBody: head.body !== null }),
      connectTimeout: 60_000, writeTimeout: 60_000, readTimeout: 60_000,
      requestBody: head.body === null ? 'none' : 'stream',
    }, hooks);
  }), (p) => (port = p));
}

// ---------------------------------------------------------------- driver

interface Child {
  proc: ChildProcess;
  port: number;
}

const hasTaskset = spawnSync('which', ['taskset']).status === 0;

function start(role: string, core: number, arg = ''): Promise<Child> {
  const cmd = [process.execPath, '--import', 'tsx', SELF, role, arg];
  const proc = hasTaskset ? spawn('taskset', ['-c', String(core), ...cmd]) : spawn(cmd[0], cmd.slice(1));
  proc.stderr?.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.on('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
  });
}

/** utime + stime of a process, in microseconds. */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // USER_HZ = 100
}

interface Run {
  rps: number;
  p99: number;
  /** CPU µs per request of the process under test, and of the upstream. */
  cpuPerReq: number;
  upstreamCpuPerReq: number;
}

function wrk(port: number, seconds: number, connections: number, pids: [number, number] | null): Run {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', `http://127.0.0.1:${port}/bench?x=1`];
  const cmd = hasTaskset ? ['taskset', '-c', '1', 'wrk', ...args] : ['wrk', ...args];
  const before = pids === null ? [0, 0] : pids.map(cpuMicros);
  const out = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8' }).stdout;
  const after = pids === null ? [0, 0] : pids.map(cpuMicros);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99m = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99 = p99m === null ? NaN : Number(p99m[1]) * (p99m[2] === 'us' ? 0.001 : p99m[2] === 's' ? 1000 : 1);
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(out);
  if (errors) process.stderr.write(`wrk: ${errors[0]}\n`);
  const perReq = (i: number): number => (rps > 0 ? (after[i] - before[i]) / (rps * seconds) : NaN);
  return { rps, p99, cpuPerReq: perReq(0), upstreamCpuPerReq: perReq(1) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function drive(): Promise<void> {
  const opt = (name: string, def: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? def : Number(process.argv[i + 1]);
  };
  const seconds = opt('seconds', 5);
  const rounds = opt('rounds', 5);
  const connections = opt('connections', 50);
  if (spawnSync('which', ['wrk']).status !== 0) throw new Error('wrk not found (apt-get install -y wrk)');
  const upstream = await start('upstream', 1);
  const origin = `http://127.0.0.1:${upstream.port}`;
  const bare = await start('bare', 0, origin);
  const fwd = await start('forwarder', 0, origin);
  const targets = [['upstream direct', upstream], ['bare uWS + undici dispatch', bare], ['gatewayd forward()', fwd]] as const;
  const runs = new Map<string, Run[]>(targets.map(([name]) => [name, []]));
  try {
    for (const [, t] of targets) wrk(t.port, 1, connections, null); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const [name, t] of targets) runs.get(name)!.push(wrk(t.port, seconds, connections, [t.proc.pid!, upstream.proc.pid!]));
    }
  } finally {
    for (const [, t] of targets) t.proc.kill();
  }
  report(runs, { seconds, rounds, connections });
}

function report(runs: Map<string, Run[]>, o: { seconds: number; rounds: number; connections: number }): void {
  console.log(`wrk -t1 -c${o.connections}, ${o.seconds} s x ${o.rounds} rounds interleaved, medians; proxies on core 0, wrk + upstream on core 1${hasTaskset ? '' : ' (taskset missing: unpinned)'}`);
  console.log('| target | req/s | p99 ms | CPU µs/req (target) | CPU µs/req (upstream) | × upstream direct | × bare |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const direct = median(runs.get('upstream direct')!.map((r) => r.rps));
  const bare = median(runs.get('bare uWS + undici dispatch')!.map((r) => r.rps));
  for (const [name, rs] of runs) {
    const rps = median(rs.map((r) => r.rps));
    const cpu = (f: (r: Run) => number): string => median(rs.map(f)).toFixed(1);
    console.log(`| ${name} | ${rps.toFixed(0)} | ${median(rs.map((r) => r.p99)).toFixed(2)} | ${cpu((r) => r.cpuPerReq)} | ${cpu((r) => r.upstreamCpuPerReq)} | ${(rps / direct).toFixed(2)} | ${(rps / bare).toFixed(2)} |`);
  }
}

const [role, arg] = process.argv.slice(2);
if (role === 'upstream') runUpstream();
else if (role === 'bare') runBare(arg);
else if (role === 'forwarder') runForwarder(arg);
else await drive();
