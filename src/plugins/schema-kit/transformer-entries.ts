/**
 * Array elements of request-transformer and response-transformer: `name`,
 * `name:value` or `old:new` strings, checked as Kong does.
 */
import { fail, str } from '../../config/schema/typedefs.js';

const HEADER_RE = /^[a-zA-Z0-9_-]+$/;

/** Lua `^([^:]+):*(.-)$`: the name before the first colon, the value after the colons. */
export function splitEntry(entry: string): { name: string; value: string } | undefined {
  const m = /^([^:]+):*([\s\S]*)$/.exec(entry);
  return m ? { name: m[1], value: m[2] } : undefined;
}

/**
 * A header entry: `colon` requires `name:value` (`invalid value: <entry>`);
 * the name, and with `valueIsHeader` the value, must be header names.
 */
export const headerPair = (opts: { colon: boolean; valueIsHeader: boolean }) =>
  str().superRefine((entry, ctx) => {
    if (opts.colon && !/^[^:]+:[\s\S]*$/.test(entry)) return fail(ctx, `invalid value: ${entry}`, 'schema-pattern');
    const pair = splitEntry(entry);
    const name = pair?.name ?? 'nil';
    if (!HEADER_RE.test(name)) return fail(ctx, `'${name}' is not a valid header`, 'schema-pattern');
    const value = pair?.value ?? '';
    if (opts.valueIsHeader && !HEADER_RE.test(value)) fail(ctx, `'${value}' is not a valid header`, 'schema-pattern');
  });

/** request-transformer body/querystring `name:value` entries: `key '<name>' has no value`. */
export const colonEntry = () =>
  str().superRefine((entry, ctx) => {
    const pair = splitEntry(entry);
    if (!pair || pair.value === '') fail(ctx, `key '${pair?.name ?? entry}' has no value`, 'schema-pattern');
  });

/** response-transformer `json` entries: `name:value` (`invalid value: <entry>`). */
export const colonString = () =>
  str().superRefine((entry, ctx) => {
    if (!/^[^:]+:[\s\S]*$/.test(entry)) fail(ctx, `invalid value: ${entry}`, 'schema-pattern');
  });
