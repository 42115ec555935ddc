import type { ConfigIssue } from '../config/issues.js';
import type { LoadResult } from '../config/load.js';
import { compileSnapshot } from '../compile/compile-snapshot.js';

/**
 * Lint runs the same compiler as `start` (lint = load + compile, minus
 * listening): problems only visible in the compiled snapshot, such as routes
 * that can never match, come back as located warnings.
 */
export function lintCompiled(result: LoadResult): ConfigIssue[] {
  if (!result.config) return [];
  return compileSnapshot(result, { lint: true }).issues;
}
