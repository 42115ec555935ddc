/** What `gatewayd explain` reports (its JSON output is this object). */
export interface ExplainReport {
  route: { id: string; name: string | null } | null;
  service: { id: string; name: string | null } | null;
  /** the status gatewayd answers itself (404, 426, 503, a redirect), or null when it proxies */
  status: number | null;
  reason: string | null;
  upstream: { url: string; path: string; host_header: string } | null;
  captures: { named: Readonly<Record<string, string>>; unnamed: readonly string[] } | null;
  /** routes that also matched but rank lower, best first, with the rule that decided */
  losers: { id: string; name: string | null; reason: string }[];
}

const label = (e: { id: string; name: string | null }) => (e.name ? `${e.name} (${e.id})` : e.id);

export function renderExplainText(r: ExplainReport): string {
  const out: string[] = [];
  out.push(`route:    ${r.route ? label(r.route) : 'none'}`);
  for (const l of r.losers) out.push(`  beat:   ${label(l)}: ${l.reason}`);
  if (r.captures) out.push(`captures: ${JSON.stringify(r.captures)}`);
  out.push(`service:  ${r.service ? label(r.service) : 'none'}`);
  if (r.status !== null) out.push(`answer:   ${r.status} from gatewayd (${r.reason})`);
  if (r.upstream) {
    out.push(`upstream: ${r.upstream.url}`);
    out.push(`          path ${r.upstream.path}`);
    out.push(`          Host: ${r.upstream.host_header}`);
  }
  return out.join('\n') + '\n';
}
