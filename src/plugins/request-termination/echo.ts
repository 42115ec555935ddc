/**
 * The pieces of Kong's PDK that request-termination's `echo` reports:
 * kong.request.get_query / get_body / get_path / get_host, rebuilt over
 * what the plugin context exposes.
 */

/** A decoded argument as ngx.decode_args gives it: `true` when the name has no `=`, a list when repeated. */
export type ArgValue = string | true | (string | true)[];

/** Latin-1 (one char per byte, as the request head is kept) → the UTF-8 text those bytes spell. */
export const bytesToText = (s: string): string => (/[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);

/** nginx unescape of one argument component: `+` is a space, bad `%` escapes stay as they are. */
export function unescapeArg(s: string): string {
  if (s.indexOf('%') === -1 && s.indexOf('+') === -1) return bytesToText(s);
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b) bytes.push(0x20);
    else if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** ngx.req.get_uri_args / get_post_args over `a=1&b&a=2` (at most `max` arguments; empty names skipped). */
export function decodeArgs(raw: string, max = 100): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  let count = 0;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    if (count++ >= max) break;
    const eq = pair.indexOf('=');
    const name = unescapeArg(eq === -1 ? pair : pair.slice(0, eq));
    if (name === '') continue;
    const value: string | true = eq === -1 ? true : unescapeArg(pair.slice(eq + 1));
    const prev = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined;
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [prev, value];
  }
  return out;
}

/** ngx.req.get_headers(100): lower-case names, a list for a repeated header. */
export function headerTable(flat: readonly [string, string][], max = 100): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  let count = 0;
  for (const [name, raw] of flat) {
    if (count++ >= max) break;
    const value = bytesToText(raw);
    const prev = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined;
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [prev, value];
  }
  return out;
}

/**
 * kong.request.get_body(): the body parsed by its Content-Type
 * (form-urlencoded, JSON object or array, multipart); undefined when there
 * is no usable content type or the body does not parse.
 */
export function parseBody(contentType: string | undefined, body: Buffer): unknown {
  if (contentType === undefined) return undefined;
  let type = contentType.toLowerCase();
  const semi = type.indexOf(';');
  if (semi !== -1) type = type.slice(0, semi);
  if (type.startsWith('application/x-www-form-urlencoded')) return decodeArgs(body.toString('latin1'));
  if (type.startsWith('application/json')) {
    try {
      const json: unknown = JSON.parse(body.toString('utf8'));
      return typeof json === 'object' && json !== null ? json : undefined;
    } catch {
      return undefined;
    }
  }
  if (type.startsWith('multipart/form-data')) return parseMultipart(contentType, body);
  return undefined;
}

/** lua-multipart's get_all_with_arrays: field name → value (a list when repeated). */
export function parseMultipart(contentType: string, body: Buffer): Record<string, string | string[]> | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return undefined;
  const delimiter = `--${m[1] ?? m[2]}`;
  const text = body.toString('latin1');
  const out: Record<string, string | string[]> = {};
  const chunks = text.split(delimiter);
  // chunks[0] is the preamble; the last one starts with `--` (the close delimiter).
  for (let i = 1; i < chunks.length; i++) {
    let part = chunks[i];
    if (part.startsWith('--')) break;
    part = part.replace(/^\r?\n/, '');
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const headers = part.slice(0, split);
    let value = part.slice(split + 4);
    if (value.endsWith('\r\n')) value = value.slice(0, -2);
    const name = /content-disposition:[^\r\n]*?\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const text = bytesToText(value);
    const prev = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined;
    if (prev === undefined) out[name] = text;
    else if (Array.isArray(prev)) prev.push(text);
    else out[name] = [prev, text];
  }
  return out;
}

/** kong.tools.uri: characters whose percent-escapes normalization keeps (upper-cased). */
const RESERVED = new Set('!*\'();:@&=+$,/?%#[]'.split('').map((c) => c.charCodeAt(0)));

/**
 * kong.tools.uri.normalize(path, true), which kong.request.get_path()
 * returns: escapes of non-reserved bytes decoded (the others upper-cased),
 * `.` / `..` segments resolved, repeated slashes merged. Works on bytes
 * (one char per byte, as the request head is kept).
 */
export function normalizePath(uri: string): string {
  if (uri === '' || uri === '/') return uri;
  if (uri.indexOf('%') !== -1) {
    uri = uri.replace(/%([0-9a-fA-F]{2})/g, (all: string, hex: string) => {
      const code = parseInt(hex, 16);
      return RESERVED.has(code) ? all.toUpperCase() : String.fromCharCode(code);
    });
  }
  if (uri.indexOf('.') === -1 && uri.indexOf('//') === -1) return uri;
  const output: string[] = [];
  while (uri.length > 0) {
    if (uri === '/.') uri = '/';
    else if (uri === '/..') {
      uri = '/';
      output.pop();
    } else if (uri === '.' || uri === '..') uri = '';
    else if (uri.startsWith('../')) uri = uri.slice(3);
    else if (uri.startsWith('./')) uri = uri.slice(2);
    else if (uri.startsWith('/./')) uri = uri.slice(2);
    else if (uri.startsWith('/../')) {
      uri = uri.slice(3);
      output.pop();
    } else if (uri.startsWith('//')) uri = uri.slice(1);
    else {
      const i = uri.indexOf('/', 1);
      if (i === -1) {
        output.push(uri);
        uri = '';
      } else {
        output.push(uri.slice(0, i));
        uri = uri.slice(i);
      }
    }
  }
  return output.join('');
}
