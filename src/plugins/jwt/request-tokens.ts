/**
 * Where Kong's jwt plugin finds tokens (retrieve_tokens): the query
 * arguments as ngx.req.get_uri_args gives them, cookies as nginx's
 * $cookie_<name> reads them, and `Bearer` headers.
 *
 * Strings are byte strings (latin1, one char per byte), as the request head
 * keeps them.
 */

/** A query argument without `=` (`?jwt`): Lua's boolean `true`. */
export const ARG_TRUE = true;
export type ArgValue = string | typeof ARG_TRUE;

/** lua_max_uri_args: ngx.req.get_uri_args() reads the first 100 arguments. */
const MAX_ARGS = 100;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** ngx.unescape_uri for arguments: `+` is a space, `%XX` a byte, a bad escape stays as written. */
export function unescapeArg(raw: string): string {
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x2b) out += ' ';
    else if (c === 0x25 && i + 2 < raw.length && hexValue(raw.charCodeAt(i + 1)) >= 0 && hexValue(raw.charCodeAt(i + 2)) >= 0) {
      out += String.fromCharCode(hexValue(raw.charCodeAt(i + 1)) * 16 + hexValue(raw.charCodeAt(i + 2)));
      i += 2;
    } else out += raw[i];
  }
  return out;
}

/** ngx.req.get_uri_args(): name → values in order; `?a` gives `true`, `?a=` gives ''. Empty names are skipped. */
export function parseQueryArgs(rawQuery: string): Map<string, ArgValue[]> {
  const args = new Map<string, ArgValue[]>();
  if (rawQuery === '') return args;
  let count = 0;
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = unescapeArg(eq === -1 ? pair : pair.slice(0, eq));
    if (name === '') continue;
    if (count++ >= MAX_ARGS) break;
    const value: ArgValue = eq === -1 ? ARG_TRUE : unescapeArg(pair.slice(eq + 1));
    const list = args.get(name);
    if (list) list.push(value);
    else args.set(name, [value]);
  }
  return args;
}

/**
 * nginx's $cookie_<name> (ngx_http_parse_multi_header_lines): the first
 * `name=value` pair, name matched case-insensitively, spaces allowed around
 * `=`, the value running to the next `;`. undefined when there is none.
 */
export function cookieValue(cookieHeaders: readonly string[], name: string): string | undefined {
  const lname = name.toLowerCase();
  for (const header of cookieHeaders) {
    let i = 0;
    const end = header.length;
    while (i < end) {
      if (header.slice(i, i + lname.length).toLowerCase() === lname) {
        let p = i + lname.length;
        while (p < end && header[p] === ' ') p++;
        if (p < end && header[p] === '=') {
          p++;
          while (p < end && header[p] === ' ') p++;
          const start = p;
          while (p < end && header[p] !== ';') p++;
          return header.slice(start, p);
        }
      }
      // skip to the next pair
      while (i < end) {
        const ch = header[i++];
        if (ch === ';' || ch === ',') break;
      }
      while (i < end && header[i] === ' ') i++;
    }
  }
  return undefined;
}

/** PCRE's `\s` (no Unicode): space, \t, \n, \v, \f, \r. */
const BEARER = /[ \t\n\x0b\f\r]*[Bb]earer[ \t\n\x0b\f\r]+(.+)/;

/** The first match of `\s*[Bb]earer\s+(.+)` anywhere in the value (ngx.re.gmatch, unanchored). */
export function bearerToken(value: string): string | undefined {
  const m = BEARER.exec(value);
  return m ? m[1] : undefined;
}

/** A header name as ngx's header table looks it up: lower case, `_` read as `-`. */
export function headerLookupName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
