/**
 * basic-auth (kong/plugins/basic-auth/access.lua, Kong 3.x): `user:password`
 * in Proxy-Authorization or Authorization names a basicauth_credential;
 * the password is checked as Kong stores it (SHA-1 hex of password +
 * consumer id), in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { definePlugin, type AccessResult, type BasicauthCredential, type LocalReply, type PluginContext } from '../sdk.js';
import { configSchema, type Config } from './schema.js';

/** `\s*[Bb]asic\s*(.+)` as Kong matches it (unanchored; PCRE's \s; `.` stops at a newline). */
const BASIC = /[Bb]asic[\t\n\v\f\r ]*([^\n]+)/;
const BASE64_CHAR = /^[A-Za-z0-9+/]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** ngx.decode_base64: up to the first `=`, standard alphabet only, padding optional; null when invalid. */
export function decodeBase64(text: string): Buffer | null {
  const eq = text.indexOf('=');
  const data = eq < 0 ? text : text.slice(0, eq);
  if (!BASE64_CHAR.test(data) || data.length % 4 === 1) return null;
  return Buffer.from(data, 'base64');
}

interface Given {
  readonly username: Buffer;
  readonly password: Buffer;
}

/** `([^:]+):(.*)` on the decoded bytes: leading colons skipped, split at the next colon, password up to a newline. */
export function splitUserPass(decoded: Buffer): Given | null {
  let start = 0;
  while (start < decoded.length && decoded[start] === 0x3a) start++;
  const colon = decoded.indexOf(0x3a, start);
  if (start >= decoded.length || colon < 0) return null;
  const newline = decoded.indexOf(0x0a, colon + 1);
  return { username: decoded.subarray(start, colon), password: decoded.subarray(colon + 1, newline < 0 ? decoded.length : newline) };
}

function text(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Kong's crypto.hash: hex SHA-1 of the given password bytes followed by the consumer id, compared in constant time. */
function passwordMatches(credential: BasicauthCredential, password: Buffer): boolean {
  const digest = Buffer.from(createHash('sha1').update(password).update(credential.consumer, 'utf8').digest('hex'), 'latin1');
  const stored = Buffer.from(credential.passwordHash, 'utf8');
  return stored.length === digest.length && timingSafeEqual(stored, digest);
}

export const basicAuth = definePlugin({
  name: 'basic-auth',
  priority: 1100,
  configSchema,
  compile(config: Config) {
    const anonymous = config.anonymous ?? null;
    const failure: LocalReply = Object.freeze({
      kind: 'error', status: 401, message: 'Unauthorized', headers: Object.freeze([Object.freeze(['WWW-Authenticate', `Basic realm="${config.realm}"`] as const)]),
    });

    /** retrieve_credentials: the user and password of one header (cleared when hide_credentials, whatever it held). */
    function retrieve(ctx: PluginContext, header: 'proxy-authorization' | 'authorization'): Given | null {
      const value = ctx.request.header(header);
      let given: Given | null = null;
      if (value !== undefined) {
        const m = BASIC.exec(value);
        const decoded = m ? decodeBase64(m[1]) : null;
        if (decoded) given = splitUserPass(decoded);
      }
      if (config.hide_credentials) ctx.upstream.clearHeader(header);
      return given;
    }

    function lookup(ctx: PluginContext, given: Given | null): BasicauthCredential | undefined {
      if (!given) return undefined;
      const username = text(given.username);
      return username === null ? undefined : ctx.consumers.basicauth(username);
    }

    function authenticate(ctx: PluginContext): boolean {
      if (ctx.request.header('authorization') === undefined && ctx.request.header('proxy-authorization') === undefined) return false;
      let given = retrieve(ctx, 'proxy-authorization');
      let credential = lookup(ctx, given);
      if (!credential) {
        given = retrieve(ctx, 'authorization');
        credential = lookup(ctx, given);
      }
      if (!credential || !given || !passwordMatches(credential, given.password)) return false;
      ctx.authenticate(credential.consumerRecord, { id: credential.id, identifier: credential.username });
      return true;
    }

    return {
      access(ctx): AccessResult {
        // Logical OR: a credential from an earlier auth plugin is enough.
        if (anonymous !== null && ctx.credential !== null) return undefined;
        if (authenticate(ctx)) return undefined;
        if (anonymous === null) return failure;
        const consumer = ctx.consumers.anonymous(anonymous);
        if (!consumer) return { kind: 'error', status: 500, message: `anonymous consumer ${anonymous} is configured but doesn't exist` };
        ctx.authenticateAnonymous(consumer);
        return undefined;
      },
    };
  },
});
