/**
 * cors (kong/plugins/cors/handler.lua).
 *
 * Access: a preflight (OPTIONS with Origin and Access-Control-Request-Method)
 * is answered here with an empty 200 carrying the Access-Control-* headers,
 * unless `preflight_continue` sends it upstream; either way the header phase
 * then adds nothing.
 *
 * Header phase (every other response, proxied or local): Access-Control-
 * Allow-Origin / -Allow-Credentials / -Expose-Headers are set (replacing the
 * upstream's), Vary: Origin is appended; nothing when the request has no
 * Origin and `allow_origin_absent` is false.
 */
import { definePlugin, type PluginContext, type PluginRequest, type ResponseHeaders } from '../sdk.js';
import { originPolicy } from './origins.js';
import { configSchema } from './schema.js';

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT';

/** Where configure_origin / configure_credentials write: the preflight reply or the response being sent. */
interface HeaderSink {
  set(name: string, value: string): void;
  clear(name: string): void;
  /** Vary: Origin (set on the preflight, added in the header phase) */
  vary(): void;
}

/**
 * kong.request.get_header(): nginx's $http_<name>, which joins repeated
 * header lines with ", " (nginx >= 1.23, as in Kong 3.x's OpenResty).
 */
function requestHeader(req: PluginRequest, name: string): string | undefined {
  const values = req.headerValues(name);
  return values.length <= 1 ? values[0] : values.join(', ');
}

/** Lua's tostring of a number (LuaJIT "%.14g"). */
export function luaNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 14) {
    const [mant, e] = n.toExponential(13).split('e');
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const ev = Number(e);
    return `${m}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  }
  const fixed = n.toPrecision(14);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

export const cors = definePlugin({
  name: 'cors',
  priority: 2000,
  configSchema,
  compile(config) {
    const policy = originPolicy(config.origins);
    const credentials = config.credentials;
    const allowHeaders = config.headers && config.headers.length > 0 ? config.headers.join(',') : null;
    const allowMethods = config.methods ? config.methods.join(',') : DEFAULT_METHODS;
    const maxAge = config.max_age !== null && config.max_age !== undefined ? luaNumber(config.max_age) : null;
    const exposeHeaders = config.exposed_headers && config.exposed_headers.length > 0 ? config.exposed_headers.join(',') : null;
    /** requests whose preflight this instance handled (kong.ctx.plugin.skip_response_headers) */
    const skip = new WeakSet<PluginContext>();

    /** configure_origin: true when the answer is `*` (allow all). */
    const configureOrigin = (sink: HeaderSink, origin: string | undefined): boolean => {
      if (policy.kind === 'any') {
        sink.set(ACAO, '*');
        return true;
      }
      sink.vary();
      if (policy.kind === 'fixed') {
        sink.set(ACAO, policy.origin);
        return false;
      }
      if (origin !== undefined) {
        if (policy.star) {
          sink.set(ACAO, '*');
          return true;
        }
        // An empty Origin makes Kong's url.parse fail (a 500); here it simply matches nothing.
        const matched = origin === '' ? null : policy.match(origin);
        if (matched !== null) {
          sink.set(ACAO, matched);
          return false;
        }
      }
      sink.clear(ACAO);
      return false;
    };

    /** configure_credentials: with `*`, the request's Origin is sent back instead (ACAC cannot go with `*`). */
    const configureCredentials = (sink: HeaderSink, allowAll: boolean, origin: string | undefined): void => {
      if (!credentials) return;
      if (!allowAll) {
        sink.set(ACAC, 'true');
        return;
      }
      if (origin !== undefined) {
        sink.vary();
        sink.set(ACAO, origin);
        sink.set(ACAC, 'true');
      }
    };

    return {
      access(ctx) {
        const req = ctx.request;
        const origin = requestHeader(req, 'origin');
        if (req.method !== 'OPTIONS' || origin === undefined || requestHeader(req, 'access-control-request-method') === undefined) {
          return undefined;
        }
        skip.add(ctx);
        if (config.preflight_continue) return undefined;

        const headers = new Map<string, string>();
        const sink: HeaderSink = {
          set: (name, value) => void headers.set(name, value),
          clear: (name) => void headers.delete(name),
          vary: () => void headers.set('Vary', 'Origin'),
        };
        const allowAll = configureOrigin(sink, origin);
        configureCredentials(sink, allowAll, origin);
        if (allowHeaders !== null) headers.set('Access-Control-Allow-Headers', allowHeaders);
        else {
          const requested = requestHeader(req, 'access-control-request-headers');
          if (requested !== undefined) headers.set('Access-Control-Allow-Headers', requested);
        }
        headers.set('Access-Control-Allow-Methods', allowMethods);
        if (maxAge !== null) headers.set('Access-Control-Max-Age', maxAge);
        if (config.private_network && requestHeader(req, 'access-control-request-private-network') === 'true') {
          headers.set('Access-Control-Allow-Private-Network', 'true');
        }
        return { kind: 'exit', status: 200, headers: [...headers] };
      },

      responseHeaders(ctx, response: ResponseHeaders) {
        if (skip.has(ctx)) return;
        const origin = requestHeader(ctx.request, 'origin');
        if (origin === undefined && !config.allow_origin_absent) return;
        const sink: HeaderSink = {
          set: (name, value) => response.set(name, value),
          clear: (name) => response.remove(name),
          vary: () => response.append('Vary', 'Origin'),
        };
        const allowAll = configureOrigin(sink, origin);
        configureCredentials(sink, allowAll, origin);
        if (exposeHeaders !== null) response.set('Access-Control-Expose-Headers', exposeHeaders);
      },
    };
  },
});
