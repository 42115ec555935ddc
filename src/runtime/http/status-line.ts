import { STATUS_CODES } from 'node:http';

/** `writeStatus` strings, built once per status code. */
const LINES: string[] = [];

/** `404 Not Found`: status with its standard reason phrase (as nginx sends). */
export function statusLine(status: number): string {
  const cached = LINES[status];
  if (cached !== undefined) return cached;
  const line = `${status} ${STATUS_CODES[status] ?? 'Unknown'}`;
  if (status >= 100 && status < 1000) LINES[status] = line;
  return line;
}

/** Status line of a proxied response: nginx passes the upstream's reason phrase. */
export function proxiedStatusLine(status: number, reason: string): string {
  if (reason === '' || reason === STATUS_CODES[status]) return statusLine(status);
  return `${status} ${reason}`;
}
