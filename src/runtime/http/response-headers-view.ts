import type { ResponseHeaders } from '../../plugins/sdk.js';
import type { ResponseHeaderList } from '../proxy/response-headers.js';

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : Buffer.from(v).toString('latin1'));

/** The plugins' view of the upstream response head (names compared case-insensitively). */
export class ResponseHeadersView implements ResponseHeaders {
  constructor(readonly status: number, private readonly list: ResponseHeaderList) {}

  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (let i = 0; i < this.list.length; i += 2) if (text(this.list[i]).toLowerCase() === lower) return text(this.list[i + 1]);
    return undefined;
  }

  set(name: string, value: string): void {
    this.remove(name);
    this.list.push(name, value);
  }

  append(name: string, value: string): void {
    this.list.push(name, value);
  }

  remove(name: string): void {
    const lower = name.toLowerCase();
    for (let i = this.list.length - 2; i >= 0; i -= 2) if (text(this.list[i]).toLowerCase() === lower) this.list.splice(i, 2);
  }
}
