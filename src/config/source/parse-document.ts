import jsYaml from 'js-yaml';
import { issue, type ConfigIssue } from '../issues.js';
import type { SourceFile } from './read-sources.js';
import { findDuplicateJsonKeys } from './json-duplicate-keys.js';
import { lineColAt } from './line-col.js';

/**
 * Values are parsed with js-yaml (YAML 1.2 core schema plus merge keys, ~6x
 * faster than `yaml`'s position-keeping parser); source positions are only
 * computed when an issue needs locating (see locate.ts).
 */
const yamlTypes = (jsYaml as unknown as { types: { merge: jsYaml.Type } }).types;
const SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [yamlTypes.merge] });

/** Aliases share references, so an alias bomb is cheap to load but not to walk. */
export const MAX_NODES = 2_000_000;
export const MAX_DEPTH = 64;

export interface ParsedDocument {
  file: SourceFile;
  value: unknown;
}

export function parseDocument(file: SourceFile): { doc?: ParsedDocument; issues: ConfigIssue[] } {
  const parsed = file.format === 'json' ? parseJson(file) : parseYaml(file);
  if (parsed.issues.length > 0) return parsed;
  const shapeIssue = checkShape(parsed.value, file.path);
  if (shapeIssue) return { issues: [shapeIssue] };
  return { doc: { file, value: parsed.value }, issues: [] };
}

function parseYaml(file: SourceFile): { value?: unknown; issues: ConfigIssue[] } {
  try {
    const value = jsYaml.load(file.text, { schema: SCHEMA, filename: file.path });
    return { value, issues: [] };
  } catch (err) {
    return { issues: [syntaxIssue(file, err)] };
  }
}

function parseJson(file: SourceFile): { value?: unknown; issues: ConfigIssue[] } {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    const { line, col } = lineColAt(file.text, m ? Number(m[1]) : 0);
    return {
      issues: [issue('syntax', `failed parsing declarative configuration: ${msg}`, [], { file: file.path, line, col })],
    };
  }
  const dups = findDuplicateJsonKeys(file.text).map(({ key, offset }) => {
    const { line, col } = lineColAt(file.text, offset);
    return issue('syntax', `failed parsing declarative configuration: duplicated mapping key '${key}'`, [], {
      file: file.path,
      line,
      col,
    });
  });
  return { value, issues: dups };
}

function syntaxIssue(file: SourceFile, err: unknown): ConfigIssue {
  if (err instanceof jsYaml.YAMLException) {
    const mark = err.mark;
    return issue('syntax', `failed parsing declarative configuration: ${yamlReason(err.reason, file.text, mark?.position)}`, [], {
      file: file.path,
      line: (mark?.line ?? 0) + 1,
      col: (mark?.column ?? 0) + 1,
    });
  }
  if (err instanceof RangeError) {
    return issue('file-refused', 'document is nested too deeply to parse', [], { file: file.path, line: 1, col: 1 });
  }
  return issue('syntax', `failed parsing declarative configuration: ${String(err)}`, [], {
    file: file.path,
    line: 1,
    col: 1,
  });
}

/** js-yaml does not name the duplicated key; the mark points at it. */
function yamlReason(reason: string, text: string, position: number | undefined): string {
  if (reason !== 'duplicated mapping key' || position === undefined) return reason;
  const key = /^(["']?)([^\n:]*?)\1\s*:/.exec(text.slice(position, position + 200))?.[2];
  return key ? `${reason} '${key}'` : reason;
}

/** Walk the value iteratively, bounding the node count (alias bombs) and depth. */
function checkShape(value: unknown, path: string): ConfigIssue | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_DEPTH) return refused(path, `document is nested deeper than ${MAX_DEPTH} levels`);
    const children = Array.isArray(v) ? v : Object.values(v as object);
    nodes += children.length;
    if (nodes > MAX_NODES) {
      return refused(path, `document expands to more than ${MAX_NODES} values (YAML alias bomb?)`);
    }
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return undefined;
}

function refused(path: string, message: string): ConfigIssue {
  return issue('file-refused', message, [], { file: path, line: 1, col: 1 });
}
