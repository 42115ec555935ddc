/**
 * Matchers by host: a hash map for exact hosts, maps keyed by the suffix
 * (`*.example.com` → `.example.com`) and prefix (`example.*` → `example.`) of
 * wildcard hosts, and one bucket for matchers without hosts. Each bucket holds
 * a PathIndex. A request visits its exact bucket, the wildcard buckets of each
 * label boundary of its host, and the host-less bucket.
 */
import type { CompiledVariant } from './compiled-variant.js';
import { addToPathIndex, newPathIndexBuilder, sealPathIndex, type PathIndex, type PathIndexBuilder } from './path-index.js';

export interface HostIndex {
  readonly exact: Map<string, PathIndex>;
  readonly suffix: Map<string, PathIndex>;
  readonly prefix: Map<string, PathIndex>;
  readonly anyHost: PathIndex;
  /** lengths of the keys in `suffix` and `prefix`: a host is only cut where a key of that length exists */
  readonly wildcardLengths: ReadonlySet<number>;
}

/** Build from matchers in rank order. */
export function buildHostIndex(variants: readonly CompiledVariant[]): HostIndex {
  const wildcardLengths = new Set<number>();
  const builders = { exact: new Map<string, PathIndexBuilder>(), suffix: new Map<string, PathIndexBuilder>(), prefix: new Map<string, PathIndexBuilder>() };
  const anyHost = newPathIndexBuilder();
  for (const v of variants) {
    if (!v.hosts) {
      addToPathIndex(anyHost, v, false);
      continue;
    }
    const portless = new Map<PathIndexBuilder, boolean>();
    for (const h of v.hosts) {
      if (h.kind !== 'exact') wildcardLengths.add(h.value.length);
      const bucket = bucketFor(builders[h.kind], h.value);
      portless.set(bucket, portless.get(bucket) === true || h.port === null);
    }
    for (const [bucket, anyPortless] of portless) addToPathIndex(bucket, v, !anyPortless);
  }
  const seal = (m: Map<string, PathIndexBuilder>) => new Map([...m].map(([k, b]) => [k, sealPathIndex(b)] as const));
  return { exact: seal(builders.exact), suffix: seal(builders.suffix), prefix: seal(builders.prefix), anyHost: sealPathIndex(anyHost), wildcardLengths };
}

function bucketFor(map: Map<string, PathIndexBuilder>, key: string): PathIndexBuilder {
  let bucket = map.get(key);
  if (!bucket) map.set(key, (bucket = newPathIndexBuilder()));
  return bucket;
}

/** Calls `visit` with each bucket whose hosts may match the lower-case host name. */
export function forEachHostBucket<S>(index: HostIndex, name: string, state: S, visit: (b: PathIndex, s: S) => void): void {
  const exact = index.exact.get(name);
  if (exact) visit(exact, state);
  if (index.suffix.size > 0 || index.prefix.size > 0) visitWildcardBuckets(index, name, state, visit);
  visit(index.anyHost, state);
}

function visitWildcardBuckets<S>(index: HostIndex, name: string, state: S, visit: (b: PathIndex, s: S) => void): void {
  const lengths = index.wildcardLengths;
  for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
    const bySuffix = lengths.has(name.length - dot) ? index.suffix.get(name.slice(dot)) : undefined;
    if (bySuffix) visit(bySuffix, state);
    const byPrefix = lengths.has(dot + 1) ? index.prefix.get(name.slice(0, dot + 1)) : undefined;
    if (byPrefix) visit(byPrefix, state);
  }
}
