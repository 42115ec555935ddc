/**
 * file-log config (kong/plugins/file-log/schema.lua). `path` carries a
 * field-wide error message in Kong: every rule on it fails with
 * `not a valid filename`.
 */
import { anyStr, bool, fail, luaCode, opt, pluginConfig, req, type z } from '../sdk.js';

const FILENAME_RE = /^[^*&%\\`]+$/;

const filePath = () =>
  anyStr().superRefine((p, ctx) => {
    if (p.length < 1 || !FILENAME_RE.test(p) || p.trim() !== p) fail(ctx, 'not a valid filename', 'schema-pattern');
  });

export const configSchema = pluginConfig({
  path: filePath(),
  reopen: req(bool(), false),
  custom_fields_by_lua: opt(luaCode()),
});

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
