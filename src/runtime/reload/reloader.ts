import type { Logger } from '../../log/logger.js';
import { loadSources, type LoadResult } from '../../config/load.js';
import { sortIssues, type ConfigIssue } from '../../config/issues.js';
import { readConfig } from './read-config.js';
import type { ReloadStatus } from './reload-status.js';

export type ApplyConfig = (result: LoadResult, trigger: string) => Promise<void>;

/**
 * File changes → debounce (latest wins) → read and hash → skip when
 * unchanged → load and validate → on problems log each with file:line:col
 * and keep serving → otherwise apply. One reload runs at a time; changes
 * that arrive meanwhile cause one more run after it.
 */
export class Reloader {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  private stopped = false;
  private lastTrigger = '';

  constructor(
    private readonly inputs: readonly string[],
    private readonly apply: ApplyConfig,
    private readonly status: ReloadStatus,
    private readonly log: Logger,
    /** Content hash of what was last read (applied or refused): the same bytes are not re-examined. */
    private lastContentHash: string,
    private readonly debounceMs = 150,
  ) {}

  /** A change was seen: reload after the debounce delay (each new change restarts it: latest wins). */
  schedule(trigger: string): void {
    if (this.stopped) return;
    this.lastTrigger = trigger;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reloadNow(this.lastTrigger);
    }, this.debounceMs);
  }

  /**
   * The poll timer fired: look again, unless a reload is already pending or
   * running (a poll must not keep pushing back the debounce of a real event,
   * which it would forever with a poll interval shorter than the debounce).
   */
  poll(): void {
    if (this.timer || this.running || this.stopped) return;
    this.schedule('poll');
  }

  /** Reload now (SIGHUP); resolves when this reload (and any it made necessary) is done. */
  async reloadNow(trigger: string, force = false): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    if (force) this.lastContentHash = '';
    this.lastTrigger = trigger;
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** No more reloads; resolves when the one running (if any) is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.rerun = false;
      const trigger = this.lastTrigger;
      try {
        await this.once(trigger);
      } catch (err) {
        // Not the file's fault (a compile or worker failure): try the same content again on the next change or poll.
        this.lastContentHash = '';
        const message = (err as Error).message ?? String(err);
        this.status.crashed(`reload failed unexpectedly: ${message}`, trigger);
        this.log.error({ err: message, trigger }, 'reload failed unexpectedly: keeping the current configuration');
      }
    } while (this.rerun && !this.stopped);
  }

  private async once(trigger: string): Promise<void> {
    const read = readConfig(this.inputs);
    if (read.contentHash === this.lastContentHash) return;
    this.lastContentHash = read.contentHash;
    const loaded = loadSources(read.files);
    const issues = sortIssues([...read.issues, ...loaded.issues]);
    const result: LoadResult = read.issues.some((i) => i.severity === 'error') ? { ...loaded, config: undefined, issues } : { ...loaded, issues };
    if (!result.config) return this.refuse(issues, trigger);
    if (result.hash === this.status.source.hash && this.status.source.kind === 'file') {
      // e.g. a broken edit reverted: nothing to swap, but the files are good again and /status must say so.
      this.status.unchanged(trigger);
      this.log.debug({ trigger }, 'configuration files changed but the configuration is the same');
      return;
    }
    const started = performance.now();
    try {
      await this.apply(result, trigger);
    } catch (err) {
      const refused = (err as { issues?: ConfigIssue[] }).issues;
      if (!refused) throw err;
      return this.refuse(refused, trigger);
    }
    this.log.info({ trigger, configuration_hash: result.hash, ms: Math.round(performance.now() - started) }, 'configuration reloaded');
  }

  private refuse(issues: ConfigIssue[], trigger: string): void {
    this.status.failed(issues, trigger);
    const errors = issues.filter((i) => i.severity === 'error');
    this.log.error({ trigger, errors: errors.length }, 'new configuration is invalid: keeping the current one');
    for (const i of errors.slice(0, 50)) {
      this.log.error({ code: i.code, at: `${i.file ?? '<input>'}:${i.line ?? 1}:${i.col ?? 1}` }, i.message);
    }
  }
}
