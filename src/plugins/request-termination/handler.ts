/**
 * request-termination (kong/plugins/request-termination/handler.lua),
 * access phase, answering with kong.response.exit:
 *  - `trigger` set: only when a header or query argument of that name is present;
 *  - `echo`: a JSON report of the request;
 *  - `body`: sent as is, with `Content-Type: <content_type>` when set;
 *  - else `{"message": <message or the status's default>}`, or no body
 *    for a status without a default.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { definePlugin, type LocalReply, type PluginContext } from '../sdk.js';
import { bytesToText, decodeArgs, headerTable, normalizePath, parseBody } from './echo.js';
import { configSchema } from './schema.js';

/** The only statuses with a default message (Kong's DEFAULT_RESPONSE). */
export const DEFAULT_RESPONSE: Readonly<Record<number, string>> = Object.freeze({
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  500: 'An unexpected error occurred',
  502: 'Bad Gateway',
  503: 'Service unavailable',
});

/** nginx's client_body_buffer_size as Kong sets it (8k): a larger body is not in memory, get_raw_body() gives nil. */
const BODY_BUFFER = 8192;

/** kong.node.get_id(): one id for this gateway process. */
const NODE_ID = randomUUID();

/**
 * What get_headers() shows: the client's headers in order. PluginRequest
 * reads headers by name only; the runtime's context also carries the raw
 * head (flat [name, value, ...], names lower-case), which is used when
 * present. Without it, only Host is shown.
 */
function headerPairs(ctx: PluginContext): [string, string][] {
  const pairs: [string, string][] = [];
  const head = (ctx as unknown as { head?: { headers?: unknown } }).head;
  if (head && Array.isArray(head.headers)) {
    const h = head.headers as string[];
    for (let i = 0; i + 1 < h.length; i += 2) pairs.push([h[i], h[i + 1]]);
  } else {
    for (const v of ctx.request.headerValues('host')) pairs.push(['host', v]);
  }
  return pairs;
}

/** ngx.var.server_port: the port of the listener that took the request. */
function serverPort(ctx: PluginContext): number {
  const head = (ctx as unknown as { head?: { localPort?: unknown } }).head;
  if (head && typeof head.localPort === 'number') return head.localPort;
  const host = ctx.request.header('host') ?? '';
  const m = /:(\d+)$/.exec(host);
  return m ? Number(m[1]) : ctx.request.scheme === 'https' ? 443 : 80;
}

/** ngx.var.host: the Host header, lower-cased, without its port; nginx's server name (`kong`) without one. */
function requestHost(ctx: PluginContext): string {
  const host = ctx.request.header('host');
  if (host === undefined || host === '') return 'kong';
  const bare = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return bare.toLowerCase();
}

/** Kong's echo: what the gateway saw of the request, as compact JSON (undefined fields are left out, as cjson drops nil). */
async function echo(ctx: PluginContext, message: string | undefined): Promise<object> {
  const req = ctx.request;
  let body: unknown;
  let rawBody: string | undefined = '';
  if (req.hasBody) {
    const buf = await req.readBody(BODY_BUFFER);
    if (buf === undefined) rawBody = undefined;
    else {
      rawBody = buf.toString('utf8');
      body = parseBody(req.header('content-type'), buf);
    }
  } else {
    body = parseBody(req.header('content-type'), Buffer.alloc(0));
  }
  return {
    message,
    kong: { node_id: NODE_ID, worker_pid: process.pid, hostname: hostname() },
    request: {
      scheme: req.scheme,
      host: requestHost(ctx),
      port: serverPort(ctx),
      headers: headerTable(headerPairs(ctx)),
      query: decodeArgs(req.rawQuery),
      body,
      raw_body: rawBody,
      method: req.method,
      path: bytesToText(normalizePath(req.path)),
      uri_captures: { unnamed: [], named: {} },
    },
    matched_route: ctx.route ? { id: ctx.route.id, name: ctx.route.name ?? undefined } : undefined,
    matched_service: ctx.service ? { id: ctx.service.id, name: ctx.service.name ?? undefined } : undefined,
  };
}

export const requestTermination = definePlugin({
  name: 'request-termination',
  priority: 2,
  configSchema,
  compile(config) {
    const status = config.status_code;
    const message = config.message ?? DEFAULT_RESPONSE[status];
    const trigger = config.trigger ?? null;
    // get_headers() looks names up in lower case with `_` read as `-`; get_query() by the exact name.
    const triggerHeader = trigger?.toLowerCase().replace(/_/g, '-') ?? null;
    let reply: LocalReply;
    if (config.body !== null && config.body !== undefined) {
      const headers: [string, string][] = config.content_type ? [['Content-Type', config.content_type]] : [];
      reply = Object.freeze({ kind: 'exit', status, body: config.body, headers });
    } else {
      reply = Object.freeze(message === undefined ? { kind: 'exit', status } : { kind: 'exit', status, body: { message } });
    }
    const triggered = (ctx: PluginContext): boolean =>
      trigger === null || ctx.request.header(triggerHeader!) !== undefined || ctx.request.queryArgs().has(trigger);

    return {
      access(ctx) {
        if (!triggered(ctx)) return undefined;
        if (config.echo) return echo(ctx, message).then((body): LocalReply => ({ kind: 'exit', status, body }));
        return reply;
      },
    };
  },
});
