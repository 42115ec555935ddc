import type { Logger } from '../log/logger.js';
import { loadSources, type LoadResult } from '../config/load.js';
import { sortIssues, type ConfigIssue } from '../config/issues.js';
import type { SourceFile } from '../config/source/read-sources.js';
import { compileSnapshot, pluginsWithoutHandler, type Snapshot } from '../compile/compile-snapshot.js';
import { renderText } from '../cli/render-issues.js';
import { readConfig } from './reload/read-config.js';
import { LastGoodStore } from './reload/last-good.js';
import { ReloadStatus, type ConfigSourceKind } from './reload/reload-status.js';
import type { WorkerPool } from './worker-pool.js';

/** Why the gateway did not start: `details` is printed as is (lint output), `message` is logged. */
export class StartError extends Error {
  constructor(readonly details: string, message: string) {
    super(message);
  }
}

/** A valid configuration that this gatewayd cannot serve (see cannotServe). */
export class RefusedConfig extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues[0]?.message ?? 'configuration refused');
  }
}

/** Issues that make a valid configuration unservable, as errors: plugins whose handlers do not exist yet. */
export function cannotServe(result: LoadResult): ConfigIssue[] {
  return pluginsWithoutHandler(result).map((i) => ({ ...i, severity: 'error' as const }));
}

/**
 * Owns the configuration in force on the control plane: the first load
 * (falling back to the last known good one), every later apply (file reload,
 * POST /config) one at a time, the main thread's Snapshot, the status.
 */
export class ConfigController {
  current!: Snapshot;
  status!: ReloadStatus;
  /** Content hash of the files as first read (the reloader starts from it). */
  initialContentHash = '';
  private pool: WorkerPool | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly store: LastGoodStore | undefined;

  constructor(private readonly inputs: string[], stateDir: string | null, private readonly log: Logger) {
    this.store = stateDir ? new LastGoodStore(stateDir) : undefined;
  }

  /** The configuration to start with: the files, or the last good one when they are invalid. */
  initial(): LoadResult {
    const read = readConfig(this.inputs);
    this.initialContentHash = read.contentHash;
    const loaded = loadSources(read.files);
    const issues = sortIssues([...read.issues, ...loaded.issues]);
    const readFailed = read.issues.some((i) => i.severity === 'error');
    // Everything that stops these files from being served, as errors: invalid, unreadable, or valid but unservable.
    const problems = loaded.config && !readFailed ? cannotServe(loaded) : issues;
    if (problems.length === 0) return this.begin({ ...loaded, issues }, 'file');
    const saved = this.store?.load();
    const fallback = saved ? loadSources(saved.files) : undefined;
    // A saved configuration is only as good as today's rules: one that cannot be served now is no fallback.
    if (!fallback?.config || cannotServe(fallback).length > 0) {
      throw new StartError(renderText(problems, read.files), 'invalid configuration: not starting');
    }
    process.stderr.write(renderText(problems, read.files));
    const first = problems.find((i) => i.severity === 'error');
    this.log.error({
      saved_at: saved!.saved_at, configuration_hash: fallback.hash, state: this.store!.dir,
      errors: problems.filter((i) => i.severity === 'error').length,
      first_issue: first ? `${first.file ?? '<input>'}:${first.line ?? 1}:${first.col ?? 1} ${first.message}` : undefined,
    }, 'CONFIGURATION IS INVALID: serving the last known good configuration instead (degraded); fix the file to recover');
    const result = this.begin(fallback, 'last-known-good');
    this.status.degraded = true;
    this.status.failed(problems, 'start');
    return result;
  }

  private begin(result: LoadResult, kind: ConfigSourceKind): LoadResult {
    this.current = this.compileAndWarn(result, true);
    this.status = new ReloadStatus(kind, this.filesOf(result), result.hash!);
    if (kind === 'file') this.save(result);
    return result;
  }

  attach(pool: WorkerPool): void {
    this.pool = pool;
  }

  /** Apply a valid configuration everywhere; applies run one at a time, in order. Refuses what cannot be served. */
  apply(result: LoadResult, trigger: string, kind: ConfigSourceKind): Promise<void> {
    const refused = cannotServe(result);
    if (refused.length) return Promise.reject(new RefusedConfig(refused));
    const run = this.queue.then(async () => {
      const snapshot = this.compileAndWarn(result);
      const stallMs = await this.pool!.swap({ config: result.config!, hash: result.hash! });
      this.current = snapshot;
      this.status.applied(kind, this.filesOf(result), result.hash!, trigger, stallMs);
      this.save(result);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** `POST /config`: validate the posted document and apply it (the files are not written). */
  async applyPosted(file: SourceFile): Promise<{ hash: string } | { issues: ConfigIssue[] }> {
    const result = loadSources([file]);
    const refused = result.config ? cannotServe(result) : result.issues;
    if (refused.length) {
      this.status.failed(refused, 'POST /config');
      return { issues: refused };
    }
    try {
      await this.apply(result, 'POST /config', 'admin-api');
    } catch (err) {
      this.status.crashed(`configuration not applied: ${(err as Error).message ?? String(err)}`, 'POST /config');
      throw err;
    }
    this.log.info({ configuration_hash: result.hash }, 'configuration applied from POST /config');
    return { hash: result.hash! };
  }

  /** Compile for the admin views; at start also run lint's analyses and log its warnings. */
  private compileAndWarn(result: LoadResult, lint = false): Snapshot {
    const compiled = compileSnapshot(result, { lint });
    for (const w of [...result.issues, ...compiled.issues]) {
      if (w.severity === 'warning') this.log.warn({ code: w.code, at: `${w.file}:${w.line}:${w.col}` }, w.message);
    }
    return compiled.snapshot;
  }

  private save(result: LoadResult): void {
    const problem = this.store?.save(result.files, result.hash!);
    if (problem) this.log.debug({ state: this.store!.dir, problem }, 'cannot keep the last good configuration');
  }

  private filesOf(result: LoadResult): string[] {
    return result.files.map((f) => f.path);
  }
}
