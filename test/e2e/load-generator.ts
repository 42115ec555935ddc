/**
 * Continuous, bounded load against a gateway, recording every answer and
 * every error, plus the helpers the reload tests share: echo configs, waits
 * on the controller, and the checks "every answer was an expected one",
 * "no request that started after the swap saw the old configuration".
 *
 * Load runs over both kinds of connection a gateway sees:
 *  - keep-alive: one undici Pool whose connections are reused (a reload must
 *    not close or reset them);
 *  - fresh: a new TCP connection per request, alternately an undici Client
 *    with `pipelining: 0` (no keep-alive) closed after the answer, and
 *    node:http with `agent: false` (sends `Connection: close`).
 * Every loop is bounded in request count and in time; traffic only goes to
 * the given 127.0.0.1 URL.
 */
import http from 'node:http';
import assert from 'node:assert/strict';
import { Client, Pool, request } from 'undici';
import type { TestGateway } from './gateway-harness.js';

export type ConnKind = 'keepalive' | 'fresh';

export interface Sample {
  path: string;
  kind: ConnKind;
  /** performance.now() when the request was sent, and when its answer (or error) was complete */
  start: number;
  end: number;
  status?: number;
  body?: string;
  error?: string;
}

export interface LoadOptions {
  /** e.g. http://127.0.0.1:8000 */
  url: string;
  /** requested in turn by every loop */
  paths: string[];
  /** concurrent loops on the shared keep-alive Pool (default 2) */
  keepAlive?: number;
  /** concurrent loops that open a connection per request (default 2) */
  fresh?: number;
  /** bound on the total number of requests (default 20000) */
  maxRequests?: number;
  /** bound on the duration (default 15000 ms) */
  maxMs?: number;
  /** pause between two requests of one loop (default 0: as fast as answers come) */
  pauseMs?: number;
}

/** What an answer looks like in expectations: `200 <body>` for 2xx, the bare status otherwise, `error: ...` for a failure. */
export function label(s: Sample): string {
  if (s.error !== undefined) return `error: ${s.error}`;
  return s.status! >= 200 && s.status! < 300 ? `${s.status} ${s.body}` : String(s.status);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class LoadGenerator {
  readonly samples: Sample[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[] = [];
  private readonly pool: Pool;
  private sent = 0;
  private readonly deadline: number;

  constructor(private readonly opts: LoadOptions) {
    const keepAlive = opts.keepAlive ?? 2;
    this.pool = new Pool(opts.url, { connections: Math.max(1, keepAlive), pipelining: 1, keepAliveTimeout: 30_000 });
    this.deadline = performance.now() + (opts.maxMs ?? 15_000);
    for (let i = 0; i < keepAlive; i++) this.loops.push(this.loop('keepalive', i));
    for (let i = 0; i < (opts.fresh ?? 2); i++) this.loops.push(this.loop('fresh', i));
  }

  /** Stop sending, wait for the requests in flight, close the pool; returns every sample. */
  async stop(): Promise<Sample[]> {
    this.stopped = true;
    await Promise.all(this.loops);
    await this.pool.close();
    return this.samples;
  }

  /** Samples so far that satisfy `pred`. */
  count(pred: (s: Sample) => boolean): number {
    let n = 0;
    for (const s of this.samples) if (pred(s)) n++;
    return n;
  }

  private async loop(kind: ConnKind, index: number): Promise<void> {
    const { paths } = this.opts;
    const max = this.opts.maxRequests ?? 20_000;
    for (let n = index; !this.stopped && this.sent < max && performance.now() < this.deadline; n++) {
      this.sent++;
      const path = paths[n % paths.length];
      const sample: Sample = { path, kind, start: performance.now(), end: 0 };
      try {
        const { status, body } = kind === 'keepalive' ? await this.viaPool(path) : n % 2 === 0 ? await this.viaFreshClient(path) : await this.viaNodeHttp(path);
        sample.status = status;
        sample.body = body;
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        sample.error = `${e.code ?? e.name}: ${e.message}`;
      }
      sample.end = performance.now();
      this.samples.push(sample);
      if (this.opts.pauseMs) await sleep(this.opts.pauseMs);
    }
  }

  private async viaPool(path: string): Promise<{ status: number; body: string }> {
    const res = await this.pool.request({ path, method: 'GET', headersTimeout: 5000, bodyTimeout: 5000 });
    return { status: res.statusCode, body: await res.body.text() };
  }

  private async viaFreshClient(path: string): Promise<{ status: number; body: string }> {
    const client = new Client(this.opts.url, { pipelining: 0, headersTimeout: 5000, bodyTimeout: 5000 });
    try {
      const res = await client.request({ path, method: 'GET' });
      return { status: res.statusCode, body: await res.body.text() };
    } finally {
      await client.close();
    }
  }

  private viaNodeHttp(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${this.opts.url}${path}`, { agent: false, timeout: 5000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });
  }
}

export function startLoad(opts: LoadOptions): LoadGenerator {
  return new LoadGenerator(opts);
}

/**
 * Every answer must be one of `allowed[path]` (labels as `label` writes
 * them): no 5xx, no reset, no socket error. Reports a summary of what was not.
 */
export function assertOnlyExpected(samples: readonly Sample[], allowed: Record<string, readonly string[]>): void {
  const bad = new Map<string, number>();
  for (const s of samples) {
    const l = label(s);
    if (!(allowed[s.path] ?? []).includes(l)) {
      const key = `${s.kind} ${s.path} -> ${l}`;
      bad.set(key, (bad.get(key) ?? 0) + 1);
    }
  }
  assert.deepEqual(Object.fromEntries(bad), {}, `unexpected answers among ${samples.length} requests`);
}

/** Requests that started after `at` must all have had `expected[path]` (the configuration in force since). */
export function assertAllAfter(samples: readonly Sample[], at: number, expected: Record<string, string>): number {
  const stale = new Map<string, number>();
  let n = 0;
  for (const s of samples) {
    if (s.start <= at || expected[s.path] === undefined) continue;
    n++;
    const l = label(s);
    if (l !== expected[s.path]) stale.set(`${s.kind} ${s.path} -> ${l}`, (stale.get(`${s.kind} ${s.path} -> ${l}`) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries(stale), {}, 'requests that started after the swap completed saw another configuration');
  return n;
}

function bothKinds(samples: readonly Sample[], from: number, min: number): boolean {
  let keepalive = 0;
  let fresh = 0;
  for (const s of samples) {
    if (s.start < from) continue;
    if (s.kind === 'keepalive') keepalive++;
    else fresh++;
  }
  return keepalive >= min && fresh >= min;
}

/** Both kinds of connection answered in the window (so the load really ran across the change). */
export function assertBothKinds(samples: readonly Sample[], from: number, to: number, min = 5): void {
  for (const kind of ['keepalive', 'fresh'] as const) {
    const n = samples.filter((s) => s.kind === kind && s.start >= from && s.end <= to).length;
    assert.ok(n >= min, `only ${n} ${kind} requests between ${Math.round(from)} and ${Math.round(to)} ms`);
  }
}

/** When the first request to `path` answered `want` (end time), after `since`. */
export function firstAnswer(samples: readonly Sample[], path: string, want: string, since = 0): number | undefined {
  let first: number | undefined;
  for (const s of samples) if (s.path === path && s.end >= since && label(s) === want && (first === undefined || s.end < first)) first = s.end;
  return first;
}

/** Poll `cond` every 5 ms until true (returns performance.now() of that moment) or throw after `timeoutMs`. */
export async function waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (cond()) return performance.now();
    await sleep(5);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The moment the controller reports a configuration other than `hash` in force (every worker has swapped). */
export function waitForHashChange(gw: TestGateway, hash: string, timeoutMs = 3000): Promise<number> {
  return waitUntil(() => gw.controller.status.source.hash !== hash, timeoutMs, `a configuration other than ${hash.slice(0, 8)}`);
}

/** The moment the reload counters (success + failure) went past `n`. */
export function waitForReloads(gw: TestGateway, n: number, timeoutMs = 3000): Promise<number> {
  const { counts } = gw.controller.status;
  return waitUntil(() => counts.success + counts.failure > n, timeoutMs, `reload #${n + 1}`);
}

export function reloadCount(gw: TestGateway): number {
  const { counts } = gw.controller.status;
  return counts.success + counts.failure;
}

export interface StatusBody {
  configuration_hash: string;
  degraded: boolean;
  configuration: { kind: string; files: string[]; hash: string };
  last_reload: { at: string; ok: boolean; trigger: string; issues_count: number; first_issue: string | null } | null;
  reloads: { success: number; failure: number };
}

export async function adminStatus(gw: TestGateway): Promise<StatusBody> {
  const res = await request(`${gw.admin}/status`);
  assert.equal(res.statusCode, 200);
  return (await res.body.json()) as StatusBody;
}

/** A service answering `<name>` at `/<name>` for each echo upstream `{ name: port }`. */
export function echoConfig(services: Record<string, number>, extra = ''): string {
  const body = Object.entries(services)
    .map(([name, port]) => `  - name: ${name}\n    url: http://127.0.0.1:${port}\n    routes:\n      - name: ${name}-route\n        paths: [/${name}]\n`)
    .join('');
  return `_format_version: "3.0"\nservices:\n${body}${extra}`;
}

/** A pino-compatible logger that keeps every line (JSON objects) for assertions. */
export function captureLog(): { lines: Record<string, unknown>[]; stream: { write(s: string): void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, stream: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } };
}

export interface Scenario {
  gw: TestGateway;
  /** requested in turn under load */
  paths: string[];
  /** every answer allowed per path over the whole run (old and new configuration) */
  allowed: Record<string, readonly string[]>;
  /** make the change; resolves with performance.now() when it is complete */
  change(): Promise<number>;
  /** what every request started after the swap must answer */
  after: Record<string, string>;
  /** the answer that shows the new configuration, to time the change */
  marker: { path: string; answer: string };
  /** ms from the completed change to the marker answer (default 1000) */
  withinMs?: number;
  /** load before the change and after the swap (default 150 ms each, and at least 10 answers of each kind of connection) */
  warmMs?: number;
  settleMs?: number;
}

export interface ScenarioResult {
  /** completed change → first marker answer */
  latencyMs: number;
  /** completed change → every worker swapped (as the controller reports) */
  swapMs: number;
  requests: number;
  samples: Sample[];
}

/**
 * Load → change → wait for the swap → more load → stop, then check: every
 * answer was an allowed one (zero 5xx, zero resets / socket errors), both
 * keep-alive and fresh connections answered before the change and after
 * the swap, no request started after the swap saw the old configuration,
 * and the marker answer came within `withinMs` of the change.
 */
export async function runReloadScenario(s: Scenario): Promise<ScenarioResult> {
  const load = startLoad({ url: s.gw.proxy, paths: s.paths, maxMs: 12_000 });
  let samples: Sample[] = [];
  let startedChange = 0;
  let changed = 0;
  let applied = 0;
  try {
    await sleep(s.warmMs ?? 150);
    // enough answers on both kinds of connection before the change (bounded: a slow machine gets more time, not a failure)
    await waitUntil(() => bothKinds(load.samples, 0, 10), 5000, 'load before the change');
    const hash = s.gw.controller.status.source.hash;
    startedChange = performance.now();
    changed = await s.change();
    applied = await waitForHashChange(s.gw, hash, (s.withinMs ?? 1000) + 2000);
    await waitUntil(() => firstAnswer(load.samples, s.marker.path, s.marker.answer, changed) !== undefined, 2000, `${s.marker.path} to answer ${s.marker.answer}`);
    await sleep(s.settleMs ?? 150);
    await waitUntil(() => bothKinds(load.samples, applied, 10), 5000, 'load after the swap');
  } finally {
    samples = await load.stop();
  }
  const end = performance.now();
  assertOnlyExpected(samples, s.allowed);
  assertBothKinds(samples, 0, startedChange, 10);
  assertBothKinds(samples, applied, end, 10);
  const checked = assertAllAfter(samples, applied, s.after);
  assert.ok(checked >= 10, `only ${checked} requests after the swap`);
  const latencyMs = firstAnswer(samples, s.marker.path, s.marker.answer, changed)! - changed;
  assert.ok(latencyMs < (s.withinMs ?? 1000), `the new configuration answered ${Math.round(latencyMs)} ms after the change (limit ${s.withinMs ?? 1000} ms)`);
  return { latencyMs: Math.round(latencyMs), swapMs: Math.round(applied - changed), requests: samples.length, samples };
}
