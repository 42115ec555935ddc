/**
 * key-auth (kong/plugins/key-auth/handler.lua, Kong 3.x): an API key in a
 * header, the query string or the body names a keyauth_credential, whose
 * consumer the request is then made by.
 */
import { definePlugin, type AccessResult, type KeyauthCredential, type LocalReply, type PluginContext } from '../sdk.js';
import { configSchema, type Config } from './schema.js';
import { Args, EMPTY_BODY, bodyKind, latin1ToText, parseBody, type ArgValue, type ParsedBody } from './request-args.js';

const ERR_DUPLICATE_API_KEY = 'Duplicate API key found';
const ERR_NO_API_KEY = 'No API key found in request';
const ERR_INVALID_AUTH_CRED = 'Unauthorized';

/** Largest body read for key_in_body; a larger one is left alone, as a body get_body cannot parse. */
export const BODY_LIMIT = 16 * 1024 * 1024;

const TABLE: ArgValue = Object.freeze({ kind: 'table' });
const NEED_BODY = Symbol('need body');

type Search = { key: string | undefined } | { duplicate: true } | typeof NEED_BODY;

/** A key name as the lookup keys of ngx's header table: as given, then lower case with `_` as `-`. */
function headerNames(name: string): string[] {
  const normalized = name.toLowerCase().replace(/_/g, '-');
  return normalized === name ? [name] : name === name.toLowerCase() ? [name, normalized] : [normalized];
}

function headerValue(ctx: PluginContext, names: readonly string[]): ArgValue | undefined {
  for (const n of names) {
    const values = ctx.request.headerValues(n);
    if (values.length === 1) return { kind: 'string', value: latin1ToText(values[0]) };
    if (values.length > 1) return TABLE;
  }
  return undefined;
}

/** Whether a credential's ttl has run out (DB-less: ttl counts from created_at, or from when the config was loaded). */
function expired(credential: KeyauthCredential, loadedAt: number, now: number): boolean {
  if (credential.ttl === null || credential.ttl === undefined) return false;
  return now >= (credential.created_at ?? loadedAt) + credential.ttl;
}

export const keyAuth = definePlugin({
  name: 'key-auth',
  priority: 1250,
  configSchema,
  compile(config: Config) {
    const anonymous = config.anonymous ?? null;
    const wwwAuthenticate = config.realm === null || config.realm === undefined ? 'Key' : `Key realm="${config.realm}"`;
    const names = config.key_names.map((name) => ({ name, header: headerNames(name) }));
    const loadedAt = Math.floor(Date.now() / 1000);

    /** The key search of do_authentication; NEED_BODY when it has to look into the body first. */
    function search(ctx: PluginContext, body: ParsedBody | undefined): Search {
      let query: Args | undefined;
      for (const { name, header } of names) {
        let v: ArgValue | undefined;
        if (config.key_in_header) v = headerValue(ctx, header);
        if (v === undefined && config.key_in_query) v = (query ??= Args.parse(ctx.request.rawQuery)).get(name);
        if (v === undefined && config.key_in_body) {
          if (body === undefined) return NEED_BODY;
          v = body.get(name);
        }
        if (v === undefined || v.kind === 'other') continue;
        if (v.kind === 'table') return { duplicate: true };
        if (config.hide_credentials) {
          ctx.upstream.removeQueryArg(name);
          ctx.upstream.clearHeader(name);
          if (config.key_in_body) {
            if (body === undefined) return NEED_BODY;
            const rewritten = body.without(name);
            if (rewritten) ctx.upstream.setBody(rewritten);
          }
        }
        return { key: v.value };
      }
      return { key: undefined };
    }

    const unauthorized = (message: string): LocalReply => ({
      kind: 'error', status: 401, message, headers: [['WWW-Authenticate', wwwAuthenticate]],
    });

    /** do_authentication after the search: null on success, else the failure. */
    function verify(ctx: PluginContext, found: Exclude<Search, typeof NEED_BODY>): LocalReply | null {
      if ('duplicate' in found) return unauthorized(ERR_DUPLICATE_API_KEY);
      const key = found.key;
      if (key === undefined || key === '') return unauthorized(ERR_NO_API_KEY);
      const credential = ctx.consumers.keyauth(key);
      if (!credential || expired(credential, loadedAt, Math.floor(Date.now() / 1000))) return unauthorized(ERR_INVALID_AUTH_CRED);
      ctx.authenticate(credential.consumerRecord, { id: credential.id, identifier: credential.id });
      return null;
    }

    /** Logical AND answers the failure; logical OR (anonymous set) falls back to the anonymous consumer. */
    function conclude(ctx: PluginContext, failure: LocalReply | null): AccessResult {
      if (failure === null) return undefined;
      if (anonymous === null) return failure;
      const consumer = ctx.consumers.anonymous(anonymous);
      if (!consumer) return { kind: 'error', status: 500, message: `anonymous consumer ${anonymous} is configured but doesn't exist` };
      ctx.authenticateAnonymous(consumer);
      return undefined;
    }

    async function withBody(ctx: PluginContext): Promise<AccessResult> {
      const body = await readBody(ctx);
      const found = search(ctx, body) as Exclude<Search, typeof NEED_BODY>;
      return conclude(ctx, verify(ctx, found));
    }

    return {
      access(ctx) {
        if (!config.run_on_preflight && ctx.request.method === 'OPTIONS') return undefined;
        // Logical OR: a credential from an earlier auth plugin is enough.
        if (anonymous !== null && ctx.credential !== null) return undefined;
        const found = search(ctx, undefined);
        if (found === NEED_BODY) return withBody(ctx);
        return conclude(ctx, verify(ctx, found));
      },
    };
  },
});

/** kong.request.get_body(): the body parsed by its Content-Type, or EMPTY when it cannot be. */
async function readBody(ctx: PluginContext): Promise<ParsedBody> {
  const contentType = ctx.request.header('content-type');
  const kind = bodyKind(contentType);
  if (kind === null || contentType === undefined) return EMPTY_BODY;
  const length = ctx.request.header('content-length');
  if (length !== undefined && Number(length) > BODY_LIMIT) return EMPTY_BODY;
  const body = ctx.request.hasBody ? await ctx.request.readBody(BODY_LIMIT) : Buffer.alloc(0);
  if (body === undefined) return EMPTY_BODY;
  return parseBody(kind, contentType, body);
}
