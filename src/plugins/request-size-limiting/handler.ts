/**
 * request-size-limiting (kong/plugins/request-size-limiting/handler.lua),
 * access phase. A numeric Content-Length is compared with the limit; without
 * one, `require_content_length` refuses (411) unless the body is chunked,
 * else the body is read and measured. Over the limit (strictly greater):
 * error 413, or 417 when the client sent `Expect: 100-continue`.
 */
import { definePlugin, type LocalReply, type PluginRequest } from '../sdk.js';
import { configSchema } from './schema.js';

export const UNIT_FACTOR: Readonly<Record<'bytes' | 'kilobytes' | 'megabytes', number>> = Object.freeze({
  bytes: 1,
  kilobytes: 1024,
  megabytes: 1048576,
});

const TOO_LARGE: LocalReply = Object.freeze({ kind: 'error', status: 413, message: 'Request size limit exceeded' });
const TOO_LARGE_EXPECT: LocalReply = Object.freeze({ kind: 'error', status: 417, message: 'Request size limit exceeded' });
const LENGTH_REQUIRED: LocalReply = Object.freeze({ kind: 'error', status: 411, message: 'A valid Content-Length header is required' });

/** Lua's %s, as pl.stringx.strip trims. */
const LUA_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

/**
 * Lua `tonumber` of a header value: decimal (with fraction/exponent) or hex,
 * surrounding whitespace allowed; null when it is not a number. A repeated
 * header is a Lua table, which is not a number either.
 */
export function luaToNumber(values: readonly string[]): number | null {
  if (values.length !== 1) return null;
  const s = values[0].replace(LUA_SPACE, '');
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(s)) return s.startsWith('-') ? -Number(s.slice(1)) : Number(s.replace(/^\+/, ''));
  return null;
}

/** 417 when the client waits for `100 Continue`, else 413. */
function tooLarge(request: PluginRequest): LocalReply {
  const expect = request.headerValues('expect');
  return expect.length === 1 && expect[0].toLowerCase().replace(LUA_SPACE, '') === '100-continue' ? TOO_LARGE_EXPECT : TOO_LARGE;
}

export const requestSizeLimiting = definePlugin({
  name: 'request-size-limiting',
  priority: 951,
  configSchema,
  compile(config) {
    const limit = config.allowed_payload_size * UNIT_FACTOR[config.size_unit];
    const requireLength = config.require_content_length;
    return {
      access(ctx) {
        const request = ctx.request;
        const length = luaToNumber(request.headerValues('content-length'));
        if (length !== null) return length > limit ? tooLarge(request) : undefined;
        if (requireLength) {
          // Kong compares the whole Transfer-Encoding value with "chunked" (a repeated header is a table: no match).
          const te = request.headerValues('transfer-encoding');
          if (te.length !== 1 || te[0] !== 'chunked') return LENGTH_REQUIRED;
        }
        if (!request.hasBody) return undefined;
        return request.readBody(limit).then((body) => (body === undefined ? tooLarge(request) : undefined));
      },
    };
  },
});
