/**
 * Config problems are values: every problem found in a configuration is a
 * ConfigIssue with a stable `code`, the `path` of the value inside the
 * document, and (once located) the `file:line:col` it came from.
 */
export type Severity = 'error' | 'warning';
export type IssuePath = (string | number)[];

export interface EntityRef {
  type: string;
  name?: string;
  id?: string;
}

export interface ConfigIssue {
  severity: Severity;
  /** Stable code, listed in docs/config-errors.md and in ISSUE_CODES. */
  code: string;
  message: string;
  /** Path of the offending value inside its source document. */
  path: IssuePath;
  /** Source document the path refers to (absolute or as given). */
  file?: string;
  line?: number;
  col?: number;
  entity?: EntityRef;
  /** Another place the problem involves (e.g. the first declaration of a duplicate). */
  related?: { file: string; path: IssuePath; line?: number; col?: number; label?: string };
}

export function issue(
  code: string,
  message: string,
  path: IssuePath,
  extra: Partial<ConfigIssue> = {},
): ConfigIssue {
  return { severity: 'error', code, message, path, ...extra };
}

export function warning(
  code: string,
  message: string,
  path: IssuePath,
  extra: Partial<ConfigIssue> = {},
): ConfigIssue {
  return { severity: 'warning', code, message, path, ...extra };
}

export function hasErrors(issues: readonly ConfigIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Dotted display of a path: services[0].routes[1].paths[0] */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** Order issues by file, line, column, then path, for stable output. */
export function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      formatPath(a.path).localeCompare(formatPath(b.path)),
  );
}
