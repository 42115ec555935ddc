import type { HttpResponse } from 'uWebSockets.js';
import type { Pipeline } from '../../compile/pipeline/route-pipelines.js';
import type { LocalReply } from '../../plugins/sdk.js';
import { requestError, type RequestErrorCode } from '../../errors/catalog.js';
import type { ForwardHooks } from '../proxy/forward.js';
import { replyError, replyExit, type HeaderPairs } from './local-reply.js';
import type { RequestHead } from './request-head.js';
import type { RequestPluginContext } from './plugin-context.js';
import { runResponseHeaders } from './run-plugins.js';
import { ResponseHeadersView } from './response-headers-view.js';

/**
 * The header phase on a gatewayd-generated answer: headers plugins added in
 * the access phase, then each plugin's responseHeaders, as Kong runs
 * header_filter on `kong.response.exit` too.
 */
function headersAfterPlugins(status: number, base: HeaderPairs | undefined, pipeline: Pipeline, plugins: RequestPluginContext): HeaderPairs {
  const list: string[] = [];
  for (const [n, v] of base ?? []) list.push(n, v);
  for (const [n, v] of plugins.responseHeaders ?? []) list.push(n, v);
  runResponseHeaders(pipeline, plugins, new ResponseHeadersView(status, list));
  const pairs: [string, string][] = [];
  for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
  return pairs;
}

/** A plugin stopped the chain: Kong's `error` (templated) or `exit` (as given). */
export function replyFromPlugin(res: HttpResponse, head: RequestHead, reply: LocalReply, pipeline: Pipeline, plugins: RequestPluginContext): void {
  const headers = headersAfterPlugins(reply.status, reply.headers, pipeline, plugins);
  if (reply.kind === 'error') replyError(res, head, reply.status, reply.message, { headers });
  else replyExit(res, head, reply.status, reply.body, headers);
}

/** A catalogued error after the plugins ran (no service, no target), with their response headers. */
export function replyErrorWithPluginHeaders(res: HttpResponse, head: RequestHead, code: RequestErrorCode, pipeline: Pipeline, plugins: RequestPluginContext): void {
  const spec = requestError(code);
  const headers = headersAfterPlugins(spec.status, spec.headers, pipeline, plugins);
  replyError(res, head, spec.status, spec.message, { negotiation: spec.negotiation, headers });
}

const responsePhase = new WeakMap<Pipeline, boolean>();

/** Whether any plugin of the pipeline has a header phase (computed once per pipeline). */
function hasResponsePhase(pipeline: Pipeline): boolean {
  let has = responsePhase.get(pipeline);
  if (has === undefined) {
    has = pipeline.some((s) => s.fallback?.handlers.responseHeaders !== undefined || [...(s.byConsumer?.values() ?? [])].some((i) => i.handlers.responseHeaders !== undefined));
    responsePhase.set(pipeline, has);
  }
  return has;
}

/** Forward hooks for a request with plugins: their header phase runs on the upstream's response head (when there is one to run). */
export function pluginResponseHooks(base: ForwardHooks, pipeline: Pipeline, plugins: RequestPluginContext): ForwardHooks {
  if (plugins.responseHeaders === null && !hasResponsePhase(pipeline)) return base;
  return {
    pools: base.pools,
    onEnd: base.onEnd,
    onResponseHeaders(status, resp) {
      for (const [n, v] of plugins.responseHeaders ?? []) resp.headers.push(n, v);
      runResponseHeaders(pipeline, plugins, new ResponseHeadersView(status, resp.headers));
    },
  };
}
