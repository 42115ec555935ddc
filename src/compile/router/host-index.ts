/**
 * Matchers by host: a hash map for exact hosts, maps keyed by the suffix
 * (`*.example.com` → `.example.com`) and prefix (`example.*` → `example.`) of
 * wildcard hosts, and one bucket for matchers without hosts. Each bucket holds
 * a PathIndex. A request visits its exact bucket, the wildcard buckets of each
 * label boundary of its host, and the host-less bucket.
 */
import { runSteps, STEP_ITEMS, type CompiledVariant } from './compiled-variant.js';
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
  return runSteps(buildHostIndexSteps(variants));
}

/** buildHostIndex in steps (yields every STEP_ITEMS matchers or buckets). */
export function* buildHostIndexSteps(variants: readonly CompiledVariant[]): Generator<void, HostIndex> {
  const wildcardLengths = new Set<number>();
  const builders = { exact: new Map<string, PathIndexBuilder>(), suffix: new Map<string, PathIndexBuilder>(), prefix: new Map<string, PathIndexBuilder>() };
  const anyHost = newPathIndexBuilder();
  let n = 0;
  for (const v of variants) {
    if (++n % STEP_ITEMS === 0) yield;
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
  const exact = yield* sealAll(builders.exact);
  const suffix = yield* sealAll(builders.suffix);
  const prefix = yield* sealAll(builders.prefix);
  yield;
  return { exact, suffix, prefix, anyHost: sealPathIndex(anyHost), wildcardLengths };
}

function* sealAll(builders: Map<string, PathIndexBuilder>): Generator<void, Map<string, PathIndex>> {
  const sealed = new Map<string, PathIndex>();
  let n = 0;
  for (const [key, b] of builders) {
    if (++n % STEP_ITEMS === 0) yield;
    sealed.set(key, sealPathIndex(b));
  }
  return sealed;
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
