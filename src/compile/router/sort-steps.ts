import { STEP_ITEMS } from './compiled-variant.js';

/**
 * A stable bottom-up merge sort that yields every few thousand element
 * moves, so that sorting a large route table can be spread over many turns
 * of a worker's event loop. Returns a new sorted array.
 */
export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  const run = STEP_ITEMS;
  let src = items.slice();
  for (let i = 0; i < src.length; i += run) {
    const sorted = src.slice(i, i + run).sort(compare);
    for (let k = 0; k < sorted.length; k++) src[i + k] = sorted[k];
    yield;
  }
  let dst = new Array<T>(src.length);
  for (let width = run; width < src.length; width *= 2) {
    let moved = 0;
    for (let lo = 0; lo < src.length; lo += 2 * width) {
      moved += merge(src, dst, lo, Math.min(lo + width, src.length), Math.min(lo + 2 * width, src.length), compare);
      if (moved >= run * 16) {
        moved = 0;
        yield;
      }
    }
    [src, dst] = [dst, src];
    yield;
  }
  return src;
}

function merge<T>(src: T[], dst: T[], lo: number, mid: number, hi: number, compare: (a: T, b: T) => number): number {
  let i = lo;
  let j = mid;
  for (let k = lo; k < hi; k++) {
    if (i < mid && (j >= hi || compare(src[i], src[j]) <= 0)) dst[k] = src[i++];
    else dst[k] = src[j++];
  }
  return hi - lo;
}
