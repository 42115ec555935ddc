/**
 * "Every request matcher V matches, W matches too" — proven only from the
 * configuration, conservatively: when in doubt the answer is no. Used by
 * findRouteConflicts to find routes that can never win.
 */
import type { CompiledVariant } from './compiled-variant.js';
import type { HeaderRule, HostRule } from './conditions.js';
import { regexLiteralPrefix } from './regex-literal.js';

export function covers(w: CompiledVariant, v: CompiledVariant): boolean {
  return (
    w.route !== v.route &&
    setCovers(w.methods, v.methods) &&
    setCovers(w.snis, v.snis) &&
    hostsCover(w.hosts, v.hosts) &&
    headersCover(w.headers, v.headers) &&
    pathsCover(w, v)
  );
}

/** A set condition covers another when it is absent, or contains every value of the other. */
function setCovers(w: ReadonlySet<string> | null, v: ReadonlySet<string> | null): boolean {
  if (w === null) return true;
  if (v === null) return false;
  for (const x of v) if (!w.has(x)) return false;
  return true;
}

function hostsCover(w: readonly HostRule[] | null, v: readonly HostRule[] | null): boolean {
  if (w === null) return true;
  if (v === null) return false;
  return v.every((vh) => w.some((wh) => hostRuleCovers(wh, vh)));
}

export function hostRuleCovers(w: HostRule, v: HostRule): boolean {
  if (w.port !== null && w.port !== v.port) return false;
  if (w.kind === 'exact') return v.kind === 'exact' && v.value === w.value;
  if (w.kind === 'suffix') return v.kind !== 'prefix' && v.value.endsWith(w.value);
  return v.kind !== 'suffix' && v.value.startsWith(w.value);
}

/** Every header W requires, V requires too, with values W accepts (V's regexes only when W has the same). */
function headersCover(w: readonly HeaderRule[] | null, v: readonly HeaderRule[] | null): boolean {
  if (w === null) return true;
  if (v === null) return false;
  return w.every((wr) => {
    const vr = v.find((r) => r.name === wr.name);
    if (!vr) return false;
    const wPatterns = new Set(wr.patterns.map((re) => re.source));
    const accepts = (x: string) => wr.values.has(x) || wr.patterns.some((re) => re.test(x));
    return [...vr.values].every(accepts) && vr.patterns.every((re) => wPatterns.has(re.source));
  });
}

function pathsCover(w: CompiledVariant, v: CompiledVariant): boolean {
  const wPaths = w.variant.paths;
  if (wPaths === null) return true;
  const vPaths = v.variant.paths;
  if (vPaths === null) return false;
  return vPaths.every((vp, i) => {
    if (v.prefixes) return (w.prefixes ?? []).some((q) => v.prefixes![i].startsWith(q));
    const literal = regexLiteralPrefix(vp.slice(1));
    return (w.prefixes ?? []).some((q) => literal.startsWith(q)) || (w.regexes !== null && wPaths.includes(vp));
  });
}
