/** Rate-limiting windows shared by rate-limiting and response-ratelimiting. */
import { numGt, opt } from '../../config/schema/typedefs.js';
import { luaFloat1 } from './fields.js';

export const PERIODS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** `second` … `year`: optional numbers > 0. */
export const periodFields = () => ({
  second: opt(numGt(0)),
  minute: opt(numGt(0)),
  hour: opt(numGt(0)),
  day: opt(numGt(0)),
  month: opt(numGt(0)),
  year: opt(numGt(0)),
});

/**
 * Kong's `validate_periods_order`: a longer window may not have a smaller
 * limit. `article` is `The` (rate-limiting) or `the` (response-ratelimiting).
 */
export function periodsOrderProblem(limits: Partial<Record<Period, unknown>>, article: 'The' | 'the'): string | undefined {
  for (let i = 0; i < PERIODS.length; i++) {
    const v1 = limits[PERIODS[i]];
    if (typeof v1 !== 'number') continue;
    for (let j = i + 1; j < PERIODS.length; j++) {
      const v2 = limits[PERIODS[j]];
      if (typeof v2 === 'number' && v2 < v1) {
        return `${article} limit for ${PERIODS[j]}(${luaFloat1(v2)}) cannot be lower than the limit for ${PERIODS[i]}(${luaFloat1(v1)})`;
      }
    }
  }
  return undefined;
}
