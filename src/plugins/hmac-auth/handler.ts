/**
 * hmac-auth (kong/plugins/hmac-auth/access.lua, Kong 3.x): the client signs
 * a list of request headers (plus `@request-target` / `request-line`) with
 * the secret of an hmacauth_credential and sends
 * `Authorization: hmac username="…", algorithm="…", headers="…", signature="…"`
 * (or Proxy-Authorization) with a Date or X-Date within clock_skew.
 * Failures are kong.response.error 401 with `WWW-Authenticate: hmac`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { definePlugin, type AccessResult, type LocalReply, type PluginContext } from '../sdk.js';
import { configSchema, type Config } from './schema.js';
import { parseHttpTime } from './http-time.js';

const SIGNATURE_NOT_VALID = 'HMAC signature cannot be verified';
const SIGNATURE_NOT_SAME = 'HMAC signature does not match';
const DATE_REQUIRED = 'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication';

/** nginx's client_body_buffer_size (Kong: 8k): a larger body is spilled to a file, which get_raw_body refuses. */
export const BODY_BUFFER_SIZE = 8192;
/** Most gatewayd buffers of a body without Content-Length to find out whether it fits. */
const BODY_READ_LIMIT = 16 * 1024 * 1024;

const DIGEST: Record<string, string> = {
  'hmac-sha1': 'sha1', 'hmac-sha256': 'sha256', 'hmac-sha384': 'sha384', 'hmac-sha512': 'sha512',
};

/** The Authorization parameters, as the greedy pattern of retrieve_hmac_fields captures them. */
const HMAC_FIELDS = /[ \t\n\x0b\f\r]*[Hh]mac[ \t\n\x0b\f\r]*username="(.+)",[ \t\n\x0b\f\r]*algorithm="(.+)",[ \t\n\x0b\f\r]*headers="(.+)",[ \t\n\x0b\f\r]*signature="(.+)"/;

interface HmacParams {
  username: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

function retrieveHmacFields(value: string | undefined): HmacParams | null {
  if (value === undefined) return null;
  const m = HMAC_FIELDS.exec(value);
  if (!m) return null;
  return { username: m[1], algorithm: m[2], headers: m[3].split(' '), signature: m[4] };
}

/** kong.request.get_header(name): the first value; names case-insensitive, `_` read as `-`. */
function getHeader(ctx: PluginContext, name: string): string | undefined {
  return ctx.request.header(name.toLowerCase().replace(/_/g, '-'));
}

/** Latin1 byte string → text (for looking up a username written in the file). */
function bytesToText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'latin1').toString('utf8');
}

/** ngx.decode_base64: standard alphabet, stops at the first `=`, null when invalid. */
function ngxDecodeBase64(input: string): Buffer | null {
  const eq = input.indexOf('=');
  const data = eq === -1 ? input : input.slice(0, eq);
  if (!/^[A-Za-z0-9+/]*$/.test(data) || data.length % 4 === 1) return null;
  return Buffer.from(data, 'base64');
}

function validClockSkew(ctx: PluginContext, header: string, skew: number): boolean {
  const date = getHeader(ctx, header);
  if (date === undefined) return false;
  const requestTime = parseHttpTime(date);
  if (requestTime === null) return false;
  return Math.abs(Math.floor(Date.now() / 1000) - requestTime) <= skew;
}

/** create_hash's signing string: one line per listed header. */
export function signingString(ctx: PluginContext, headers: readonly string[]): string {
  const request = ctx.request;
  const uri = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
  const lines: string[] = [];
  for (const header of headers) {
    const value = getHeader(ctx, header);
    if (value !== undefined) lines.push(`${header}: ${value}`);
    else if (header === '@request-target') lines.push(`${header}: ${request.method.toLowerCase()} ${uri}`);
    else if (header === 'request-line') lines.push(`${request.method} ${uri} HTTP/1.1`);
    else lines.push(`${header}:`);
  }
  return lines.join('\n');
}

export const hmacAuth = definePlugin({
  name: 'hmac-auth',
  priority: 1030,
  configSchema,
  compile(config: Config) {
    const anonymous = config.anonymous ?? null;
    const challenge = config.realm === null || config.realm === undefined ? 'hmac' : `hmac realm="${config.realm}"`;
    const unauthorized = (message: string): LocalReply => ({
      kind: 'error', status: 401, message, headers: [['WWW-Authenticate', challenge]],
    });
    const algorithms: ReadonlySet<string> = new Set(config.algorithms);
    const enforced = config.enforce_headers ?? [];
    const clockSkew = config.clock_skew ?? 300;

    /** validate_params: every enforced header signed, a configured algorithm. */
    function validParams(params: HmacParams): boolean {
      if (enforced.length > 0) {
        const signed = new Set(params.headers);
        for (const h of enforced) if (!signed.has(h)) return false;
      }
      return algorithms.has(params.algorithm);
    }

    /** validate_body: `Digest: SHA-256=<base64>` of the body; without Digest only an empty body passes. */
    async function validBody(ctx: PluginContext): Promise<boolean> {
      let body: Buffer;
      if (!ctx.request.hasBody) {
        body = Buffer.alloc(0);
      } else {
        const length = ctx.request.header('content-length');
        if (length !== undefined && Number(length) > BODY_BUFFER_SIZE) return false;
        const read = await ctx.request.readBody(length !== undefined ? BODY_BUFFER_SIZE : BODY_READ_LIMIT);
        if (read === undefined || read.length > BODY_BUFFER_SIZE) return false;
        body = read;
      }
      const received = getHeader(ctx, 'digest');
      if (received === undefined) return body.length === 0;
      return `SHA-256=${createHash('sha256').update(body).digest('base64')}` === received;
    }

    /**
     * do_authentication up to the signature: the failure, or the credential
     * to finish with (digest check, then the consumer).
     */
    function check(ctx: PluginContext): LocalReply | { finish: (ctx: PluginContext) => void } {
      const authorization = getHeader(ctx, 'authorization');
      const proxyAuthorization = getHeader(ctx, 'proxy-authorization');
      if (authorization === undefined && proxyAuthorization === undefined) return unauthorized('Unauthorized');

      if (!(validClockSkew(ctx, 'x-date', clockSkew) || validClockSkew(ctx, 'date', clockSkew))) {
        return unauthorized(DATE_REQUIRED);
      }

      let params = retrieveHmacFields(proxyAuthorization);
      if (params === null) {
        params = retrieveHmacFields(authorization);
        if (config.hide_credentials) ctx.upstream.clearHeader('authorization');
      } else if (config.hide_credentials) {
        ctx.upstream.clearHeader('proxy-authorization');
      }

      if (params === null || !validParams(params)) return unauthorized(SIGNATURE_NOT_VALID);
      const credential = ctx.consumers.hmacauth(bytesToText(params.username));
      if (!credential) return unauthorized(SIGNATURE_NOT_VALID);

      // an hmacauth_credential without a secret: Kong would have generated a random one
      const secret = credential.secret;
      const expected = ngxDecodeBase64(params.signature);
      if (secret === null || secret === undefined || expected === null) return unauthorized(SIGNATURE_NOT_SAME);
      const actual = createHmac(DIGEST[params.algorithm], Buffer.from(secret, 'utf8'))
        .update(Buffer.from(signingString(ctx, params.headers), 'latin1'))
        .digest();
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return unauthorized(SIGNATURE_NOT_SAME);

      return {
        finish: (c) => c.authenticate(credential.consumerRecord, { id: credential.id, identifier: credential.username }),
      };
    }

    function anonymousOr(ctx: PluginContext, failure: LocalReply): AccessResult {
      if (anonymous === null) return failure;
      const consumer = ctx.consumers.anonymous(anonymous);
      if (!consumer) return { kind: 'error', status: 500, message: `anonymous consumer ${anonymous} is configured but doesn't exist` };
      ctx.authenticateAnonymous(consumer);
      return undefined;
    }

    return {
      access(ctx): AccessResult | Promise<AccessResult> {
        // logical OR: a credential from an earlier auth plugin is enough
        if (anonymous !== null && ctx.credential !== null) return undefined;
        const result = check(ctx);
        if ('kind' in result) return anonymousOr(ctx, result);
        if (!config.validate_request_body) {
          result.finish(ctx);
          return undefined;
        }
        return validBody(ctx).then((ok) => {
          if (!ok) return anonymousOr(ctx, unauthorized(SIGNATURE_NOT_SAME));
          result.finish(ctx);
          return undefined;
        });
      },
    };
  },
});
