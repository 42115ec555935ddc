/**
 * Text form of a uWS binary remote address (4 or 16 bytes), as nginx
 * prints `$remote_addr`: dotted IPv4 (also for IPv4-mapped IPv6, as seen on
 * a dual-stack listener), RFC 5952 compressed lowercase IPv6 otherwise.
 */
export function formatRemoteAddress(ab: ArrayBuffer): string {
  const b = new Uint8Array(ab);
  if (b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  if (b.length !== 16) return '';
  if (isV4Mapped(b)) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  return formatV6(b);
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

function formatV6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
  const [start, len] = longestZeroRun(groups);
  if (len < 2) return groups.map((g) => g.toString(16)).join(':');
  const left = groups.slice(0, start).map((g) => g.toString(16)).join(':');
  const right = groups.slice(start + len).map((g) => g.toString(16)).join(':');
  return `${left}::${right}`;
}

function longestZeroRun(groups: number[]): [number, number] {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  return [bestStart, bestLen];
}
