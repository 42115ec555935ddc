/**
 * The route table in match order, one line per matcher (a route split per
 * path group prints once per group): rank, route, the comparator's fields,
 * then the conditions. Stable text for golden tests and `gatewayd print`.
 */
import type { CompiledVariant } from './compiled-variant.js';
import type { RankKey } from './rank.js';

export function printRouteTable(variants: readonly CompiledVariant[]): string {
  if (variants.length === 0) return '(no HTTP routes)\n';
  return variants.map((v) => `${v.rank + 1}. ${routeLabel(v)}  [${rankText(v.key)}]  ${conditionsText(v)}\n`).join('');
}

function routeLabel(v: CompiledVariant): string {
  const r = v.route;
  const label = r.name ?? r.id;
  return v.variant.id === r.id ? label : `${label} (split ${v.variant.id})`;
}

function rankText(k: RankKey): string {
  const parts = [`weight ${k.matchWeight}`];
  if (k.plainHostsOnly) parts.push('plain hosts');
  parts.push(`${k.headerCount} headers`);
  if (k.isRegex) parts.push(`regex, regex_priority ${k.regexPriority}`);
  else parts.push(`prefix length ${k.prefixLength}`);
  return parts.join(', ');
}

function conditionsText(v: CompiledVariant): string {
  const r = v.route;
  const parts: string[] = [];
  if (v.variant.paths) parts.push(`paths ${v.variant.paths.join(' ')}`);
  if (r.hosts?.length) parts.push(`hosts ${r.hosts.join(' ')}`);
  if (r.methods?.length) parts.push(`methods ${r.methods.join(' ')}`);
  if (r.headers && Object.keys(r.headers).length) parts.push(`headers ${headersText(r.headers)}`);
  if (r.snis?.length) parts.push(`snis ${r.snis.join(' ')}`);
  if (r.protocols.join() !== 'http,https') parts.push(`protocols ${r.protocols.join(' ')}`);
  return parts.join('  ');
}

function headersText(headers: Record<string, string[]>): string {
  return Object.entries(headers)
    .map(([name, values]) => `${name}=${values.join('|')}`)
    .join(' ');
}
