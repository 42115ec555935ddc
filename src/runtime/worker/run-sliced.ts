/** How long a worker may compile before it lets requests run again. */
export const SLICE_MS = 5;

/**
 * Drive a step generator for about `sliceMs` at a time, yielding the event
 * loop in between: a large configuration compiles while the worker keeps
 * serving. Returns the generator's result.
 */
export async function runSliced<T>(steps: Generator<void, T>, sliceMs: number, nextTurn: () => Promise<void>): Promise<T> {
  for (;;) {
    const until = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= until) break;
    }
    await nextTurn();
  }
}
