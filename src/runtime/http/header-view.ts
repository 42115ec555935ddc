/**
 * A read-only Map view over a request's flat [name, value, ...] header list,
 * for the router: `get` scans the list (few headers, no allocation); the
 * rest of the Map interface builds a real Map on first use.
 */
export class HeaderView implements ReadonlyMap<string, string | string[]> {
  private map: Map<string, string | string[]> | undefined;

  constructor(private readonly flat: readonly string[]) {}

  get(name: string): string | string[] | undefined {
    const h = this.flat;
    let found: string | string[] | undefined;
    for (let i = 0; i < h.length; i += 2) {
      if (h[i] !== name) continue;
      if (found === undefined) found = h[i + 1];
      else if (typeof found === 'string') found = [found, h[i + 1]];
      else found.push(h[i + 1]);
    }
    return found;
  }

  has(name: string): boolean {
    for (let i = 0; i < this.flat.length; i += 2) if (this.flat[i] === name) return true;
    return false;
  }

  get size(): number {
    return this.asMap().size;
  }

  forEach(fn: (value: string | string[], key: string, map: ReadonlyMap<string, string | string[]>) => void): void {
    this.asMap().forEach((v, k) => fn(v, k, this));
  }

  entries(): MapIterator<[string, string | string[]]> {
    return this.asMap().entries();
  }

  keys(): MapIterator<string> {
    return this.asMap().keys();
  }

  values(): MapIterator<string | string[]> {
    return this.asMap().values();
  }

  [Symbol.iterator](): MapIterator<[string, string | string[]]> {
    return this.asMap()[Symbol.iterator]();
  }

  private asMap(): Map<string, string | string[]> {
    if (!this.map) {
      this.map = new Map();
      for (let i = 0; i < this.flat.length; i += 2) {
        const name = this.flat[i];
        if (!this.map.has(name)) this.map.set(name, this.get(name)!);
      }
    }
    return this.map;
  }
}
