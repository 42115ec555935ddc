import type { z } from 'zod';
import { issue, type ConfigIssue, type IssuePath } from '../issues.js';

type ZodIssue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'a record',
  record: 'a map',
};

/**
 * zod issues → ConfigIssues with Kong's messages. `base` is prepended to each
 * path (the entity's place in its document).
 */
export function fromZodIssues(issues: readonly ZodIssue[], base: IssuePath, file?: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const zi of issues) {
    const path = [...base, ...(zi.path as (string | number)[])];
    if (zi.code === 'unrecognized_keys') {
      for (const key of zi.keys) out.push(issue('schema-unknown-field', 'unknown field', [...path, key], { file }));
      continue;
    }
    if (zi.code === 'invalid_union') {
      out.push(...flattenUnion(zi, path, file));
      continue;
    }
    const enterprise = enterpriseValue(zi);
    if (enterprise) out.push(issue('unsupported-feature', enterprise, path, { file }));
    else out.push(issue(codeOf(zi), messageOf(zi), path, { file }));
  }
  return out;
}

function flattenUnion(zi: Extract<ZodIssue, { code: 'invalid_union' }>, path: IssuePath, file?: string): ConfigIssue[] {
  // Report the branch that got furthest (fewest issues), as Kong reports one schema's errors.
  const branches = zi.errors.filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
  if (branches.length === 0) return [issue('schema-invalid', zi.message, path, { file })];
  return fromZodIssues(branches[0], path, file);
}

/** Values of Kong enums that only Kong Enterprise has: one clear error instead of "expected one of". */
const ENTERPRISE_PROTOCOLS: Record<string, string> = {
  ws: "protocol 'ws' (WebSocket) is a Kong Enterprise feature, which gatewayd does not support",
  wss: "protocol 'wss' (WebSocket over TLS) is a Kong Enterprise feature, which gatewayd does not support",
};

function enterpriseValue(zi: ZodIssue): string | undefined {
  if (zi.code !== 'invalid_value' || !zi.values.includes('http')) return undefined;
  const input = (zi as { input?: unknown }).input;
  return typeof input === 'string' ? ENTERPRISE_PROTOCOLS[input] : undefined;
}

function codeOf(zi: ZodIssue): string {
  if (zi.code === 'custom') return (zi.params as { code?: string } | undefined)?.code ?? 'schema-invalid';
  if (zi.code === 'invalid_type') return isMissing(zi) ? 'schema-required' : 'schema-type';
  if (zi.code === 'invalid_value') return 'schema-enum';
  if (zi.code === 'too_small' || zi.code === 'too_big') return zi.origin === 'number' || zi.origin === 'int' ? 'schema-range' : 'schema-length';
  if (zi.code === 'invalid_format') return 'schema-pattern';
  return 'schema-invalid';
}

function isMissing(zi: ZodIssue): boolean {
  return 'input' in zi ? zi.input === undefined || zi.input === null : zi.message === 'required field missing';
}

function messageOf(zi: ZodIssue): string {
  if (zi.code === 'invalid_type') {
    if (isMissing(zi)) return 'required field missing';
    if (zi.message && !zi.message.startsWith('Invalid input')) return zi.message;
    return `expected ${TYPE_NAMES[zi.expected] ?? zi.expected}`;
  }
  return zi.message;
}
