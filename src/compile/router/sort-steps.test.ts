import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortInSteps } from './sort-steps.js';
import { runSteps } from './compiled-variant.js';

test('sortInSteps sorts like a stable Array.prototype.sort and yields along the way', () => {
  for (const n of [0, 1, 5, 127, 128, 129, 1000, 5003]) {
    const items = Array.from({ length: n }, (_, i) => ({ key: (i * 7919) % 97, at: i }));
    const cmp = (a: { key: number }, b: { key: number }) => a.key - b.key;
    const steps = sortInSteps(items, cmp);
    let yields = 0;
    let out;
    for (;;) {
      const next = steps.next();
      if (next.done) {
        out = next.value;
        break;
      }
      yields++;
    }
    assert.deepEqual(out, [...items].sort(cmp), `n=${n}`);
    if (n > 1000) assert.ok(yields > 10, `n=${n} yields=${yields}`);
  }
  assert.deepEqual(runSteps(sortInSteps([3, 1, 2], (a, b) => a - b)), [1, 2, 3]);
});
