/**
 * A bounded cache of match answers (including "no route"), for requests whose
 * answer did not depend on headers. Two generations of at most capacity/2
 * entries each: a hit in the old generation moves to the new one, and when
 * the new one is full the old one is dropped whole — LRU-like, with no
 * per-entry bookkeeping. When traffic rarely repeats (paths full of ids), a
 * lookup only costs: so once the cache has filled up, a window of lookups
 * with under 10% hits makes it step aside for a while, then it is probed
 * again. Keyed by method, Host
 * header, listening port, scheme, SNI and raw path ('\n' occurs in none).
 */
export const NO_MATCH = Symbol('no-match');

const WINDOW = 1024;
const MIN_HITS = WINDOW / 10;
const BYPASS = 16 * WINDOW;

export class MatchCache<T> {
  private current = new Map<string, T | typeof NO_MATCH>();
  private previous = new Map<string, T | typeof NO_MATCH>();
  private readonly generationSize: number;
  private lookups = 0;
  private hits = 0;
  private bypassLeft = 0;
  /** a generation has filled up: misses now mean the traffic does not repeat, not a cold start */
  private full = false;

  constructor(capacity: number) {
    this.generationSize = Math.max(0, Math.floor(capacity / 2));
  }

  /** Whether this request should use the cache (false when disabled, or bypassed for poor hit rates). */
  use(): boolean {
    if (this.generationSize === 0) return false;
    if (this.bypassLeft === 0) return true;
    this.bypassLeft--;
    return false;
  }

  get(key: string): T | typeof NO_MATCH | undefined {
    let hit = this.current.get(key);
    if (hit === undefined) {
      hit = this.previous.get(key);
      if (hit !== undefined) this.set(key, hit);
    }
    this.count(hit !== undefined);
    return hit;
  }

  set(key: string, value: T | typeof NO_MATCH): void {
    if (this.current.size >= this.generationSize) {
      this.full = true;
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  private count(hit: boolean): void {
    if (hit) this.hits++;
    if (++this.lookups < WINDOW) return;
    if (this.full && this.hits < MIN_HITS) this.bypassLeft = BYPASS;
    this.lookups = 0;
    this.hits = 0;
  }
}

export function cacheKeyOf(method: string, host: string, port: number, scheme: string, sni: string | undefined, path: string): string {
  return method + '\n' + host + '\n' + port + '\n' + scheme + '\n' + (sni ?? '') + '\n' + path;
}
