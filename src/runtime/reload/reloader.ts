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

  /** A change was seen: reload after the debounce delay. */
  schedule(trigger: string): void {
    this.lastTrigger = trigger;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reloadNow(this.lastTrigger), this.debounceMs);
  }

  /** Reload now (SIGHUP); resolves when this reload (and any it made necessary) is done. */
  async reloadNow(trigger: string, force = false): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (force) this.lastContentHash = '';
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.loop(trigger).finally(() => (this.running = undefined));
    return this.running;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async loop(trigger: string): Promise<void> {
    do {
      this.rerun = false;
      try {
        await this.once(trigger);
      } catch (err) {
        this.log.error({ err: (err as Error).message, trigger }, 'reload failed unexpectedly: keeping the current configuration');
      }
    } while (this.rerun);
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
