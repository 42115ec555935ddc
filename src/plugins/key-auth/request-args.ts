/**
 * How Kong sees a key in the query string and in the body: ngx's argument
 * parser (`kong.request.get_query`, `get_post_args`), `kong.request.get_body`
 * (form-urlencoded, JSON, multipart/form-data with arrays) and the way a
 * field is taken out of the body again for hide_credentials.
 *
 * A value is what Lua's `type(v)` would say: a string, a table (an argument
 * given more than once, a JSON array/object), or something else (an argument
 * without `=`, a JSON number/boolean/null), which the key search skips.
 */

export type ArgValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'table' }
  | { readonly kind: 'other' };

const TABLE: ArgValue = Object.freeze({ kind: 'table' });
const OTHER: ArgValue = Object.freeze({ kind: 'other' });

/** Kong's default max_args of get_query / get_body (lua_max_uri_args, lua_max_post_args). */
export const MAX_ARGS = 100;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes as the text a configured key is compared with: keys come from the
 * configuration as Unicode strings, requests carry bytes (UTF-8 when they
 * are text). Bytes that are not UTF-8 cannot be the UTF-8 of any configured
 * key: they become a marked string that no key written as text holds.
 */
export function bytesToText(bytes: Buffer): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.toString('latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    return '\uffff' + bytes.toString('hex');
  }
}

/** A header value (one char per byte, as the gateway copies it) as text. */
export function latin1ToText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(value) ? value : bytesToText(Buffer.from(value, 'latin1'));
}

/** ngx_unescape_uri for arguments: `+` is a space, `%XX` a byte, a bad escape stays as written. */
function unescapeArg(raw: string): Buffer {
  const bytes = Buffer.from(raw, 'latin1');
  if (!bytes.includes(0x25) && !bytes.includes(0x2b)) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x2b) out[n++] = 0x20;
    else if (b === 0x25 && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out[n++] = (hexValue(bytes[i + 1]) << 4) | hexValue(bytes[i + 2]);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

const isHex = (b: number | undefined) => b !== undefined && ((b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66));
const hexValue = (b: number) => (b <= 0x39 ? b - 0x30 : (b | 0x20) - 0x61 + 10);

/** One `name[=value]` argument of a query string or form body, decoded. */
interface Segment {
  readonly name: string;
  /** the decoded value; null for an argument without `=` (Lua `true`) */
  readonly value: string | null;
}

/** Up to MAX_ARGS arguments, in order (ngx_http_lua's argument parser). */
function parseSegments(raw: string): Segment[] {
  const out: Segment[] = [];
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = bytesToText(unescapeArg(eq < 0 ? part : part.slice(0, eq)));
    if (name === '') continue;
    out.push({ name, value: eq < 0 ? null : bytesToText(unescapeArg(part.slice(eq + 1))) });
    if (out.length === MAX_ARGS) break;
  }
  return out;
}

/** Arguments by name, as Kong's table: one string, `true`, or a table when repeated. */
export class Args {
  private readonly byName = new Map<string, ArgValue>();

  constructor(segments: readonly Segment[]) {
    for (const s of segments) {
      const seen = this.byName.get(s.name);
      this.byName.set(s.name, seen ? TABLE : s.value === null ? OTHER : { kind: 'string', value: s.value });
    }
  }

  static parse(raw: string): Args {
    return new Args(parseSegments(raw));
  }

  get(name: string): ArgValue | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The raw arguments without any `name` argument, the others as sent. */
  static without(raw: string, name: string): string {
    return raw
      .split('&')
      .filter((part) => {
        if (part === '') return false;
        const eq = part.indexOf('=');
        return bytesToText(unescapeArg(eq < 0 ? part : part.slice(0, eq))) !== name;
      })
      .join('&');
  }
}

/** A request body as Kong's get_body sees it, and how to take one field out of it. */
export interface ParsedBody {
  get(name: string): ArgValue | undefined;
  /** The body re-encoded without the field, or null when the body does not have it. */
  without(name: string): Buffer | null;
}

/** get_body() failed (no or unsupported content type, bad JSON...): Kong's EMPTY table, never rewritten. */
export const EMPTY_BODY: ParsedBody = Object.freeze({ get: () => undefined, without: () => null });

/** Which parser Kong's get_body picks: the media type (lower-cased, before `;`) must start with one of the three. */
export function bodyKind(contentType: string | undefined): 'form' | 'json' | 'multipart' | null {
  if (contentType === undefined) return null;
  let media = contentType.toLowerCase();
  const semi = media.indexOf(';');
  if (semi >= 0) media = media.slice(0, semi);
  if (media.startsWith('application/x-www-form-urlencoded')) return 'form';
  if (media.startsWith('application/json')) return 'json';
  if (media.startsWith('multipart/form-data')) return 'multipart';
  return null;
}

export function parseBody(kind: 'form' | 'json' | 'multipart', contentType: string, body: Buffer): ParsedBody {
  if (kind === 'form') return formBody(body);
  if (kind === 'json') return jsonBody(body);
  return multipartBody(contentType, body) ?? EMPTY_BODY;
}

function formBody(body: Buffer): ParsedBody {
  const raw = body.toString('latin1');
  const args = Args.parse(raw);
  return {
    get: (name) => args.get(name),
    without: (name) => (args.has(name) ? Buffer.from(Args.without(raw, name), 'latin1') : null),
  };
}

function jsonBody(body: Buffer): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return EMPTY_BODY;
  }
  // Kong: anything but a table (object or array) is "invalid json body".
  if (typeof json !== 'object' || json === null) return EMPTY_BODY;
  // A Lua array has no string keys: body[name] is nil.
  if (Array.isArray(json)) return EMPTY_BODY;
  const obj = json as Record<string, unknown>;
  return {
    get(name) {
      if (!Object.hasOwn(obj, name)) return undefined;
      const v = obj[name];
      if (typeof v === 'string') return { kind: 'string', value: v };
      if (typeof v === 'object' && v !== null) return TABLE;
      return OTHER;
    },
    without(name) {
      if (!Object.hasOwn(obj, name)) return null;
      const copy = { ...obj };
      delete copy[name];
      return Buffer.from(JSON.stringify(copy), 'utf8');
    },
  };
}

interface Part {
  /** byte offset of the part's opening boundary line */
  readonly from: number;
  /** byte offset of the next boundary (the CRLF before it belongs to this part) */
  readonly to: number;
  readonly name: string | null;
  readonly value: Buffer;
}

function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

function multipartParts(contentType: string, body: Buffer): Part[] | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const closing = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  const parts: Part[] = [];
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) break; // --boundary--
    const lineEnd = body.indexOf(CRLF, afterDelimiter);
    if (lineEnd < 0) break;
    const start = lineEnd + 2;
    const next = body.indexOf(closing, start - 2);
    if (next < 0) break;
    const content = body.subarray(start, next);
    let headersEnd: number;
    let valueStart: number;
    if (content[0] === 0x0d && content[1] === 0x0a) {
      headersEnd = 0;
      valueStart = 2;
    } else {
      const h = content.indexOf(HEADERS_END);
      headersEnd = h < 0 ? content.length : h;
      valueStart = h < 0 ? content.length : h + 4;
    }
    const headers = content.subarray(0, headersEnd).toString('latin1');
    parts.push({ from: at, to: next + 2, name: partName(headers), value: content.subarray(valueStart) });
    at = next + 2;
  }
  return parts;
}

function partName(headers: string): string | null {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const m = /(?:^|;)\s*name\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(line.slice(colon + 1));
    if (m) return bytesToText(Buffer.from(m[1] ?? m[2], 'latin1'));
  }
  return null;
}

function multipartBody(contentType: string, body: Buffer): ParsedBody | null {
  const parts = multipartParts(contentType, body);
  if (!parts) return null;
  const byName = new Map<string, ArgValue>();
  for (const p of parts) {
    if (p.name === null) continue;
    byName.set(p.name, byName.has(p.name) ? TABLE : { kind: 'string', value: bytesToText(p.value) });
  }
  return {
    get: (name) => byName.get(name),
    without(name) {
      if (!byName.has(name)) return null;
      const keep: Buffer[] = [];
      let from = 0;
      for (const p of parts) {
        if (p.name !== name) continue;
        keep.push(body.subarray(from, p.from));
        from = p.to;
      }
      keep.push(body.subarray(from));
      return Buffer.concat(keep);
    },
  };
}
