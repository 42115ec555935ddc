/**
 * Kong's `Queue.get_plugin_params`: the deprecated batching fields of
 * http-log (`queue_size`, `flush_timeout`) and opentelemetry
 * (`batch_span_count`, `batch_flush_delay`) are kept as Kong keeps them, and
 * a set value other than the old default still overrides the matching
 * `queue.*` setting, as it does at run time in Kong.
 */
import type { z } from 'zod';
import { isObj, type Obj } from './checks.js';

export interface LegacyQueueField {
  from: string;
  to: string;
  oldDefault: number;
  /** The `queue.*` field's typedef: a value it would reject is not moved. */
  type: z.ZodType;
}

/** `seed`: the queue record's own default, used when `queue` is missing. */
export function legacyQueueParams(input: Obj, fields: readonly LegacyQueueField[], seed: Obj = {}): Obj {
  let out = input;
  for (const f of fields) {
    const v = input[f.from];
    if (v === undefined || v === null || v === f.oldDefault || !f.type.safeParse(v).success) continue;
    const current = out.queue;
    if (current !== undefined && !isObj(current)) continue; // `queue` reports its own error
    out = { ...out, queue: { ...(current ?? seed), [f.to]: v } };
  }
  return out;
}
