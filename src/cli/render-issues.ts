import { relative } from 'node:path';
import { formatPath, type ConfigIssue } from '../config/issues.js';
import type { SourceFile } from '../config/source/read-sources.js';

export type IssueFormat = 'text' | 'json' | 'github';

function displayFile(file: string | undefined): string {
  if (!file) return '<input>';
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function location(i: { file?: string; line?: number; col?: number }): string {
  return `${displayFile(i.file)}:${i.line ?? 1}:${i.col ?? 1}`;
}

function fullMessage(i: ConfigIssue): string {
  const related = i.related ? ` (${i.related.label ?? 'first declared at'} ${location(i.related)})` : '';
  return i.message + related;
}

/** `file:line:col severity code message`, a code frame, and a closing count. */
export function renderText(issues: readonly ConfigIssue[], files: readonly SourceFile[], color = false): string {
  const out: string[] = [];
  for (const i of issues) {
    const sev = color ? (i.severity === 'error' ? '\x1b[31merror\x1b[0m' : '\x1b[33mwarning\x1b[0m') : i.severity;
    const where = i.path.length ? ` (at ${formatPath(i.path)})` : '';
    out.push(`${location(i)} ${sev} ${i.code} ${fullMessage(i)}${where}`);
    const frame = codeFrame(files.find((f) => f.path === i.file)?.text, i.line, i.col);
    if (frame) out.push(frame, '');
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

function codeFrame(text: string | undefined, line?: number, col?: number): string | undefined {
  if (text === undefined || line === undefined) return undefined;
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const src = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${src.length > 160 ? src.slice(0, 160) + '…' : src}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, (col ?? 1) - 1))}^`);
  }
  return out.join('\n');
}

export function renderJson(issues: readonly ConfigIssue[], files: readonly SourceFile[], valid: boolean): string {
  const body = {
    valid,
    files: files.map((f) => displayFile(f.path)),
    issues: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      message: fullMessage(i),
      file: displayFile(i.file),
      line: i.line ?? 1,
      col: i.col ?? 1,
      path: i.path,
      ...(i.entity ? { entity: i.entity } : {}),
      ...(i.related ? { related: { file: displayFile(i.related.file), line: i.related.line ?? 1, col: i.related.col ?? 1 } } : {}),
    })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** GitHub Actions workflow commands: annotations on the changed file. */
export function renderGithub(issues: readonly ConfigIssue[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return issues
    .map((i) => {
      const where = i.path.length ? ` (at ${formatPath(i.path)})` : '';
      return `::${i.severity} file=${prop(displayFile(i.file))},line=${i.line ?? 1},col=${i.col ?? 1},title=${prop(i.code)}::${esc(fullMessage(i) + where)}`;
    })
    .join('\n') + (issues.length ? '\n' : '');
}
