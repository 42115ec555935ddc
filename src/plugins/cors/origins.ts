/**
 * cors origin matching (kong/plugins/cors/handler.lua configure_origin):
 * the config's origins are turned once into literal origins and anchored
 * regexes; a request Origin is normalized as LuaSocket's url.parse sees it.
 */

export interface NormalizedOrigin {
  /** `scheme://host[:port]` (default ports dropped), or the value as is when it has no host */
  readonly domain: string;
  readonly host: string;
}

/**
 * socket.url.parse as Kong's normalize_origin uses it: a scheme
 * (`[A-Za-z0-9][A-Za-z0-9+.-]*:`), then `//authority`; the authority loses
 * `userinfo@` and `:port`, `[v6]` loses its brackets. No host: the value
 * stands for both. Ports 80 (http) and 443 (https) are dropped.
 */
export function normalizeOrigin(value: string): NormalizedOrigin {
  let rest = value;
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  let scheme: string | undefined;
  const sm = /^([A-Za-z0-9][A-Za-z0-9+\-.]*):/.exec(rest);
  if (sm) {
    scheme = sm[1];
    rest = rest.slice(sm[0].length);
  }
  const am = /^\/\/([^/]*)/.exec(rest);
  if (!am) return { domain: value, host: value };
  let authority = am[1].replace(/^[^@]*@/, '');
  let port: string | undefined;
  const pm = /:([^:\]]*)$/.exec(authority);
  if (pm) {
    port = pm[1];
    authority = authority.slice(0, pm.index);
  }
  if (authority === '') return { domain: value, host: value };
  const host = /^\[(.+)\]$/.exec(authority)?.[1] ?? authority;
  if ((scheme === 'http' && port === '80') || (scheme === 'https' && port === '443')) port = undefined;
  return {
    domain: (scheme !== undefined ? `${scheme}://` : '') + host + (port !== undefined ? `:${port}` : ''),
    host,
  };
}

type Entry =
  | { readonly regex: RegExp | null; readonly byHost: boolean }
  | { readonly domain: string };

/** A config entry that contains anything but `[A-Za-z0-9.:/-]` is a regex. */
const LITERAL = /^[A-Za-z0-9.:/-]+$/;

export type OriginPolicy =
  /** no origins, or exactly `["*"]`: `*`, no Vary */
  | { readonly kind: 'any' }
  /** one literal origin: sent as is (with Vary: Origin), whatever the request says */
  | { readonly kind: 'fixed'; readonly origin: string }
  /** a list: the request's normalized origin when one entry matches it */
  | { readonly kind: 'list'; readonly star: boolean; match(origin: string): string | null };

export function originPolicy(origins: readonly string[] | null | undefined): OriginPolicy {
  const list = origins ?? [];
  if (list.length === 0 || (list.length === 1 && list[0] === '*')) return { kind: 'any' };
  if (list.length === 1 && LITERAL.test(list[0])) return { kind: 'fixed', origin: list[0] };
  // Kong answers `*` as soon as it meets a `*` entry while indexing the list for a request with an Origin.
  const star = list.includes('*');
  const entries: Entry[] = [];
  for (let entry of list) {
    if (entry === '*') continue;
    const byHost = !entry.includes(':');
    if (!LITERAL.test(entry)) {
      // Kong 0.x did not anchor regexes: `$` is added, a leading `^` dropped, the match is anchored at the start.
      if (!entry.endsWith('$')) entry += '$';
      if (entry.startsWith('^')) entry = entry.slice(1);
      let regex: RegExp | null;
      try {
        regex = new RegExp(`^(?:${entry})`);
      } catch {
        regex = null;
      }
      entries.push({ regex, byHost });
    } else {
      entries.push({ domain: normalizeOrigin(entry).domain });
    }
  }
  const cache = new Map<string, NormalizedOrigin>();
  return {
    kind: 'list',
    star,
    match(origin: string): string | null {
      let normalized = cache.get(origin);
      if (normalized === undefined) {
        normalized = normalizeOrigin(origin);
        if (cache.size >= 10_000) cache.clear();
        cache.set(origin, normalized);
      }
      for (const e of entries) {
        const found = 'domain' in e
          ? e.domain === normalized.domain
          : e.regex !== null && e.regex.test(e.byHost ? normalized.host : normalized.domain);
        if (found) return normalized.domain;
      }
      return null;
    },
  };
}
