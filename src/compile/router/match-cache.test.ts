import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MatchCache, NO_MATCH } from './match-cache.js';

describe('MatchCache', () => {
  it('is disabled below two entries', () => {
    assert.equal(new MatchCache<string>(0).use(), false);
    assert.equal(new MatchCache<string>(1).use(), false);
    assert.equal(new MatchCache<string>(2).use(), true);
  });

  it('keeps the most recent entries, a hit in the old generation surviving a turnover', () => {
    const cache = new MatchCache<string>(4);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('c', 'C'); // turnover: {a, b} becomes the old generation
    assert.equal(cache.get('a'), 'A'); // promoted into the new generation {c, a}
    cache.set('d', 'D'); // turnover: {c, a} old, {d} new; {a, b} dropped
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 'A');
    cache.set('x', NO_MATCH);
    assert.equal(cache.get('x'), NO_MATCH);
  });

  it('steps aside when a full cache keeps missing, then probes again', () => {
    const cache = new MatchCache<number>(100);
    for (let i = 0; i < 1024; i++) {
      assert.equal(cache.use(), true);
      if (cache.get(`k${i}`) === undefined) cache.set(`k${i}`, i);
    }
    let bypassed = 0;
    while (!cache.use()) bypassed++;
    assert.equal(bypassed, 16 * 1024);
  });

  it('does not step aside while it is still filling up', () => {
    const cache = new MatchCache<number>(10_000);
    for (let i = 0; i < 2048; i++) {
      assert.equal(cache.use(), true);
      if (cache.get(`k${i}`) === undefined) cache.set(`k${i}`, i);
    }
    assert.equal(cache.use(), true);
  });
});
