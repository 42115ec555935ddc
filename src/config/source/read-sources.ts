import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { issue, type ConfigIssue } from '../issues.js';

/** One configuration document as read from disk (or given inline). */
export interface SourceFile {
  /** Path as given by the user (or a label such as `<request body>`). */
  path: string;
  text: string;
  format: 'yaml' | 'json';
}

export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;
const CONFIG_EXTENSIONS = new Set(['.yml', '.yaml', '.json']);

/** Expand files and directories (their *.yml|*.yaml|*.json, sorted) and read them. */
export function readSources(inputs: readonly string[]): { files: SourceFile[]; issues: ConfigIssue[] } {
  const files: SourceFile[] = [];
  const issues: ConfigIssue[] = [];
  for (const input of inputs) {
    for (const path of expandInput(input, issues)) {
      const read = readOne(path);
      if ('issue' in read) issues.push(read.issue);
      else files.push(read.file);
    }
  }
  return { files, issues };
}

function expandInput(input: string, issues: ConfigIssue[]): string[] {
  let stat;
  try {
    stat = statSync(input);
  } catch (err) {
    issues.push(unreadable(input, describeFsError(err)));
    return [];
  }
  if (!stat.isDirectory()) return [input];
  const entries = readdirSync(input, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && CONFIG_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => join(input, e.name))
    .sort();
  if (entries.length === 0) {
    issues.push(unreadable(input, `directory '${input}' contains no *.yml, *.yaml or *.json file`));
  }
  return entries;
}

function readOne(path: string): { file: SourceFile } | { issue: ConfigIssue } {
  let buf: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_CONFIG_BYTES) {
      return { issue: refuse(path, `file is ${size} bytes; the limit is ${MAX_CONFIG_BYTES} bytes (32 MiB)`) };
    }
    buf = readFileSync(path);
  } catch (err) {
    return { issue: unreadable(path, describeFsError(err)) };
  }
  return decodeSource(path, buf);
}

/** Turn raw bytes into a SourceFile, refusing binary data and stripping a BOM. */
export function decodeSource(path: string, buf: Buffer): { file: SourceFile } | { issue: ConfigIssue } {
  if (buf.length > MAX_CONFIG_BYTES) {
    return { issue: refuse(path, `input is ${buf.length} bytes; the limit is ${MAX_CONFIG_BYTES} bytes (32 MiB)`) };
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) return { issue: refuse(path, `not a text file (NUL byte at offset ${nul})`) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { issue: refuse(path, 'not a text file (invalid UTF-8)') };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file: { path, text, format: formatOf(path, text) } };
}

function formatOf(path: string, text: string): 'yaml' | 'json' {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yml' || ext === '.yaml') return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function unreadable(path: string, message: string): ConfigIssue {
  return issue('file-unreadable', message, [], { file: path, line: 1, col: 1 });
}

function refuse(path: string, message: string): ConfigIssue {
  return issue('file-refused', message, [], { file: path, line: 1, col: 1 });
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return `no such file or directory: '${e.path}'`;
  if (e.code === 'EACCES') return `permission denied: '${e.path}'`;
  return e.message ?? String(err);
}
