import type { z } from 'zod';
import { isIP } from 'node:net';
import { fail, isHostname } from './typedefs.js';
import { normalizePath } from '../route-path.js';
import { checkRegexSyntax } from './regex-syntax.js';

/** Route `hosts` entries: host[:port], with one `*` as whole leftmost or rightmost label. */
export function checkRouteHost(h: string, ctx: z.RefinementCtx): void {
  const m = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(h);
  const bare = m ? m[1].replace(/^\[|\]$/g, '') : h;
  if (m?.[2] !== undefined && Number(m[2]) > 65535) return fail(ctx, `invalid port number`, 'schema-pattern');
  if (isIP(bare)) return;
  const stars = (bare.match(/\*/g) ?? []).length;
  if (stars > 1) return fail(ctx, 'only one wildcard must be specified', 'schema-pattern');
  if (stars === 1) {
    if (!bare.startsWith('*.') && !bare.endsWith('.*')) {
      return fail(ctx, 'wildcard must be leftmost or rightmost character', 'schema-pattern');
    }
    const rest = bare.startsWith('*.') ? bare.slice(2) : bare.slice(0, -2);
    if (!isHostname(rest)) fail(ctx, `invalid hostname: ${h}`, 'schema-pattern');
    return;
  }
  if (!m || !isHostname(bare)) fail(ctx, `invalid hostname: ${h}`, 'schema-pattern');
}

/** Route `paths` entries: `/prefix` in normalized form or `~/regex` that compiles. */
export function checkRoutePath(p: string, ctx: z.RefinementCtx): void {
  if (!p.startsWith('/') && !p.startsWith('~/')) {
    return fail(ctx, 'should start with: / (fixed path) or ~/ (regex path)', 'route-path-invalid');
  }
  if (p.startsWith('~')) return checkRegexPath(p.slice(1), ctx);
  const badPct = /%(?![0-9A-Fa-f]{2})/.exec(p);
  if (badPct) return fail(ctx, `invalid url-encoded value: '${p.slice(badPct.index, badPct.index + 3)}'`, 'route-path-invalid');
  if (p.includes('//')) return fail(ctx, 'must not have empty segments', 'route-path-invalid');
  const normalized = normalizePath(p);
  if (normalized !== p && normalized.replace(/%[0-9a-f]{2}/g, (x) => x.toUpperCase()) !== p) {
    fail(ctx, `non-normalized path, consider use '${normalized}' instead`, 'route-path-invalid');
  }
}

function checkRegexPath(re: string, ctx: z.RefinementCtx): void {
  if (re.includes('//')) return fail(ctx, 'must not have empty segments', 'route-path-invalid');
  const problem = checkRegexSyntax(re);
  if (problem) fail(ctx, problem.message, problem.code);
}

/** Route `snis` entries: hostname with optional wildcard label, no IP, no port. */
export function checkSni(s: string, ctx: z.RefinementCtx): void {
  if (isIP(s)) return fail(ctx, 'must not be an IP', 'schema-pattern');
  if (/:\d+$/.test(s)) return fail(ctx, 'must not have a port', 'schema-pattern');
  const bare = s.startsWith('*.') ? s.slice(2) : s.endsWith('.*') ? s.slice(0, -2) : s;
  if (!isHostname(bare)) fail(ctx, `invalid value: ${s}`, 'schema-pattern');
}

export function checkCidrOrIp(v: string, ctx: z.RefinementCtx): void {
  const [ip, bits, extra] = v.split('/');
  const family = isIP(ip);
  const max = family === 6 ? 128 : 32;
  if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
    fail(ctx, `invalid ip or cidr range: '${v}'`, 'schema-pattern');
  }
}
