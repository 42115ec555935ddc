/**
 * Kong's request/route path normalization (kong/tools/uri.lua): percent-decode
 * every byte except the reserved characters (which stay encoded, hex
 * upper-cased), resolve `.`/`..` segments and merge repeated slashes.
 */
const RESERVED = new Set("!*'();:@&=+$,/?%#[]".split('').map((c) => c.charCodeAt(0)));
const HEX = /^[0-9A-Fa-f]{2}$/;

export function normalizePath(raw: string): string {
  return removeDotSegments(decodeUnreserved(raw));
}

/** Decode %XX escapes of non-reserved bytes; keep reserved ones (upper-cased). */
export function decodeUnreserved(raw: string): string {
  if (!raw.includes('%')) return raw;
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let i = 0; i < raw.length; i++) {
    const hex = raw.slice(i + 1, i + 3);
    if (raw[i] === '%' && HEX.test(hex)) {
      const byte = parseInt(hex, 16);
      if (RESERVED.has(byte)) {
        flush();
        out += '%' + hex.toUpperCase();
      } else bytes.push(byte);
      i += 2;
    } else {
      flush();
      out += raw[i];
    }
  }
  flush();
  return out;
}

/** RFC 3986 §5.2.4 plus merging of empty segments. */
export function removeDotSegments(path: string): string {
  if (!path.includes('.') && !path.includes('//')) return path;
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === '..') {
      out.pop();
      if (last) out.push('');
    } else if (seg === '.') {
      if (last) out.push('');
    } else if (seg === '' && !last) {
      continue;
    } else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Characters Kong leaves unescaped in the upstream URI. */
const KEEP = /[!#$&'()*+,/:;=?@[\]A-Za-z0-9\-_.~%]/;

const ALL_KEPT = /^[!#$&'()*+,/:;=?@[\]A-Za-z0-9\-_.~%]*$/;

/** Re-escape a normalized path for the upstream request line. */
export function escapeUpstreamPath(path: string): string {
  // The common case (nothing to escape) in one regex test instead of a loop per character.
  if (ALL_KEPT.test(path)) return path;
  let out = '';
  for (const ch of path) {
    if (KEEP.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
