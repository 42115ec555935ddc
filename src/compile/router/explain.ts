/**
 * `gatewayd explain`: every matcher that matches a request, found by a plain
 * scan (this is not the hot path), with the comparator rule on which each
 * loser ranks below the winner.
 */
import { normalizePath } from '../../config/route-path.js';
import type { CompiledVariant } from './compiled-variant.js';
import { decidingRule } from './rank.js';
import { fillSearchState, headersMatch, newSearchState, requestConditionsMatch, type SearchState } from './search.js';
import type { LosingCandidate, RankRule, MatchRequest, RouteExplanation, RouteMatch } from './types.js';

interface ScanHit {
  readonly variant: CompiledVariant;
  readonly matchedPrefix: string | null;
}

export function explainRequest(variants: readonly CompiledVariant[], match: RouteMatch | null, req: MatchRequest): RouteExplanation {
  const normalizedPath = normalizePath(req.path);
  const s = newSearchState();
  fillSearchState(s, req, normalizedPath);
  const hits: ScanHit[] = [];
  for (const v of variants) {
    const hit = scanVariant(v, s);
    if (hit) hits.push(hit);
  }
  const [winner, ...rest] = hits;
  return { normalizedPath, match, losers: rest.map((h) => losingCandidate(winner, h)) };
}

/** Full check of one matcher, paths in their written order (variants are already in rank order). */
function scanVariant(v: CompiledVariant, s: SearchState): ScanHit | null {
  if (!requestConditionsMatch(v, s)) return null;
  const matchedPrefix = matchedPathOf(v, s.path);
  if (matchedPrefix === undefined) return null;
  if (v.headers !== null && !headersMatch(v, s)) return null;
  return { variant: v, matchedPrefix };
}

/** The matched prefix or regex match; null for a matcher without paths; undefined when no path matches. */
export function matchedPathOf(v: CompiledVariant, path: string): string | null | undefined {
  if (v.prefixes) return v.prefixes.find((p) => path.startsWith(p));
  if (v.regexes) {
    for (const re of v.regexes) {
      const m = re.exec(path);
      if (m) return m[0];
    }
    return undefined;
  }
  return null;
}

function losingCandidate(winner: ScanHit, loser: ScanHit): LosingCandidate {
  const d = decidingRule(winner.variant.key, loser.variant.key)!;
  return {
    route: loser.variant.route,
    paths: loser.variant.variant.paths,
    matchedPrefix: loser.matchedPrefix,
    lostOn: d.rule,
    reason: describeRule(d.rule, d.a, d.b),
  };
}

function describeRule(rule: RankRule, winner: number | string, loser: number | string): string {
  switch (rule) {
    case 'match-weight': return `match-weight: ${winner} condition kinds beat ${loser}`;
    case 'plain-hosts': return 'plain-hosts: only plain hosts beat wildcard or no hosts';
    case 'header-count': return `header-count: ${winner} headers beat ${loser}`;
    case 'regex-path': return 'regex-path: a regex path beats a prefix path';
    case 'regex-priority': return `regex-priority: ${winner} beats ${loser}`;
    case 'prefix-length': return `prefix-length: ${winner} bytes beat ${loser}`;
    case 'id': return `id: ${winner} sorts after ${loser} (Kong's tie-break on equal rank)`;
  }
}
