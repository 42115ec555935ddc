import { warning, type ConfigIssue } from '../issues.js';
import { normalizePath } from '../route-path.js';
import type { TopLevel } from './top-level.js';

/**
 * Format 1.1/2.1 files are migrated like Kong 3.x does on load
 * (kong/db/declarative/migrations/route_path.lua): a route path made only of
 * `[A-Za-z0-9.-_~/%]` is a prefix and gets normalized; anything else was a
 * regex before 3.0 and gains the `~` prefix. Each migrated regex is a warning
 * that shows the 3.0 form.
 */
const PLAIN_PATH = /^[A-Za-z0-9.\-_~/%]*$/;
const REGEX_META = new Set('.^$*+?()[]{}|\\'.split(''));

export function migratePaths(top: TopLevel, file: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const routes = top.entities.get('routes') ?? [];
  routes.forEach((r, i) => migrateRoute(r, ['routes', i], file, issues));
  const services = top.entities.get('services') ?? [];
  services.forEach((s, i) => {
    const nested = (s as { routes?: unknown } | null)?.routes;
    if (Array.isArray(nested)) nested.forEach((r, j) => migrateRoute(r, ['services', i, 'routes', j], file, issues));
  });
  return issues;
}

function migrateRoute(route: unknown, path: (string | number)[], file: string, issues: ConfigIssue[]): void {
  const paths = (route as { paths?: unknown } | null)?.paths;
  if (!Array.isArray(paths)) return;
  paths.forEach((p, k) => {
    if (typeof p !== 'string' || p.startsWith('~')) return;
    if (PLAIN_PATH.test(p)) {
      paths[k] = normalizePath(p);
      return;
    }
    const migrated = '~' + decodeForRegex(p);
    paths[k] = migrated;
    issues.push(
      warning('format-regex-path-migrated', `pre-3.0 regex path '${p}' was read as '${migrated}'; write it as '${migrated}' with _format_version "3.0"`, [...path, 'paths', k], { file }),
    );
  });
}

/** Decode %XX escapes of unreserved characters; regex metacharacters become escaped literals. */
function decodeForRegex(p: string): string {
  return p.replace(/%([0-9A-Fa-f]{2})/g, (whole, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    if (/[A-Za-z0-9\-._~]/.test(ch)) return REGEX_META.has(ch) ? '\\' + ch : ch;
    return whole.toUpperCase();
  });
}
