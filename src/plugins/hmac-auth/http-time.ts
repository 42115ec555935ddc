/**
 * ngx.parse_http_time (nginx's ngx_parse_http_time): the three HTTP date
 * forms, RFC 1123 `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850
 * `Sunday, 06-Nov-94 08:49:37 GMT` and asctime `Sun Nov  6 08:49:37 1994`,
 * parsed as nginx does: the weekday and the zone are not checked, the time
 * is taken as GMT.
 */

const MDAY = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const enum Fmt { None, Rfc822, Rfc850, Isoc }

/** Seconds since the epoch, or null where nginx returns NGX_ERROR. */
export function parseHttpTime(value: string): number | null {
  const end = value.length;
  const at = (i: number): string => (i < end ? value[i] : '\0');
  const digit = (i: number): number => {
    const c = at(i).charCodeAt(0);
    return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
  };
  const two = (i: number): number => {
    const a = digit(i);
    const b = digit(i + 1);
    return a < 0 || b < 0 ? -1 : a * 10 + b;
  };

  let fmt = Fmt.None;
  let p = 0;
  for (; p < end; p++) {
    if (value[p] === ',') break;
    if (value[p] === ' ') {
      fmt = Fmt.Isoc;
      break;
    }
  }
  for (p++; p < end; p++) if (value[p] !== ' ') break;
  if (end - p < 18) return null;

  let day = 0;
  if (fmt !== Fmt.Isoc) {
    day = two(p);
    if (day < 0) return null;
    p += 2;
    if (at(p) === ' ') {
      if (end - p < 18) return null;
      fmt = Fmt.Rfc822;
    } else if (at(p) === '-') {
      fmt = Fmt.Rfc850;
    } else {
      return null;
    }
    p++;
  }

  let month: number;
  switch (at(p)) {
    case 'J': month = at(p + 1) === 'a' ? 0 : at(p + 2) === 'n' ? 5 : 6; break;
    case 'F': month = 1; break;
    case 'M': month = at(p + 2) === 'r' ? 2 : 4; break;
    case 'A': month = at(p + 1) === 'p' ? 3 : 7; break;
    case 'S': month = 8; break;
    case 'O': month = 9; break;
    case 'N': month = 10; break;
    case 'D': month = 11; break;
    default: return null;
  }
  p += 3;
  if ((fmt === Fmt.Rfc822 && at(p) !== ' ') || (fmt === Fmt.Rfc850 && at(p) !== '-')) return null;
  p++;

  let year = 0;
  if (fmt === Fmt.Rfc822) {
    const hi = two(p);
    const lo = two(p + 2);
    if (hi < 0 || lo < 0) return null;
    year = hi * 100 + lo;
    p += 4;
  } else if (fmt === Fmt.Rfc850) {
    year = two(p);
    if (year < 0) return null;
    year += year < 70 ? 2000 : 1900;
    p += 2;
  }

  if (fmt === Fmt.Isoc) {
    if (at(p) === ' ') p++;
    const d = digit(p);
    if (d < 0) return null;
    day = d;
    p++;
    if (at(p) !== ' ') {
      const d2 = digit(p);
      if (d2 < 0) return null;
      day = day * 10 + d2;
      p++;
    }
    if (end - p < 14) return null;
  }

  if (at(p++) !== ' ') return null;
  const hour = two(p);
  if (hour < 0) return null;
  p += 2;
  if (at(p++) !== ':') return null;
  const min = two(p);
  if (min < 0) return null;
  p += 2;
  if (at(p++) !== ':') return null;
  const sec = two(p);
  if (sec < 0) return null;

  if (fmt === Fmt.Isoc) {
    p += 2;
    if (at(p++) !== ' ') return null;
    const hi = two(p);
    const lo = two(p + 2);
    if (hi < 0 || lo < 0) return null;
    year = hi * 100 + lo;
  }

  if (hour > 23 || min > 59 || sec > 59) return null;
  if (day === 29 && month === 1) {
    if ((year & 3) !== 0 || (year % 100 === 0 && year % 400 !== 0)) return null;
  } else if (day > MDAY[month]) {
    return null;
  }

  // Gauss' formula, the year starting on March 1
  let m = month;
  let y = year;
  if (--m <= 0) {
    m += 12;
    y -= 1;
  }
  const days = 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)
    + Math.floor((367 * m) / 12) - 30 + day - 1 - 719527 + 31 + 28;
  return days * 86400 + hour * 3600 + min * 60 + sec;
}
