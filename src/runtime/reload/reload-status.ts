import type { ConfigIssue } from '../../config/issues.js';

export type ConfigSourceKind = 'file' | 'admin-api' | 'last-known-good';

export interface ReloadAttempt {
  at: string;
  ok: boolean;
  trigger: string;
  issues_count: number;
  first_issue: string | null;
  worker_max_stall_ms?: number;
}

/** What /status and /metrics report about the configuration in force and the last reload. */
export class ReloadStatus {
  source: { kind: ConfigSourceKind; files: string[]; applied_at: string; hash: string };
  lastReload: ReloadAttempt | null = null;
  degraded = false;
  readonly counts = { success: 0, failure: 0 };

  constructor(kind: ConfigSourceKind, files: string[], hash: string) {
    this.source = { kind, files, applied_at: new Date().toISOString(), hash };
  }

  /** `stallMs`: the longest a worker's event loop was held while it swapped (requests wait at most that). */
  applied(kind: ConfigSourceKind, files: string[], hash: string, trigger: string, stallMs?: number): void {
    this.source = { kind, files, applied_at: new Date().toISOString(), hash };
    this.lastReload = { at: this.source.applied_at, ok: true, trigger, issues_count: 0, first_issue: null, worker_max_stall_ms: stallMs };
    this.degraded = false;
    this.counts.success++;
  }

  failed(issues: readonly ConfigIssue[], trigger: string): void {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0];
    this.lastReload = {
      at: new Date().toISOString(),
      ok: false,
      trigger,
      issues_count: errors.length,
      first_issue: first ? `${first.file ?? '<input>'}:${first.line ?? 1}:${first.col ?? 1} ${first.code} ${first.message}` : null,
    };
    this.counts.failure++;
  }

  /** The files changed but mean the configuration in force (a broken edit reverted): the last reload is good again. */
  unchanged(trigger: string): void {
    this.lastReload = { at: new Date().toISOString(), ok: true, trigger, issues_count: 0, first_issue: null };
  }

  /** The reload failed for a reason that is not in the files (compile or worker failure). */
  crashed(message: string, trigger: string): void {
    this.lastReload = { at: new Date().toISOString(), ok: false, trigger, issues_count: 0, first_issue: message };
    this.counts.failure++;
  }

  toJSON(): Record<string, unknown> {
    return {
      configuration: this.source,
      degraded: this.degraded,
      last_reload: this.lastReload,
      reloads: { ...this.counts },
    };
  }
}
