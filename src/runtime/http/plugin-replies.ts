import type { HttpResponse } from 'uWebSockets.js';
import type { Pipeline } from '../../compile/pipeline/route-pipelines.js';
import type { LocalReply, RequestOutcome } from '../../plugins/sdk.js';
import { requestError, type RequestErrorCode } from '../../errors/catalog.js';
import type { ForwardHooks, ForwardResult } from '../proxy/forward.js';
import { replyError, replyExit, type HeaderPairs } from './local-reply.js';
import type { RequestHead } from './request-head.js';
import type { RequestPluginContext } from './plugin-context.js';
import { runLog, runResponseHeaders, type PluginFailure } from './run-plugins.js';
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

const phases = new WeakMap<Pipeline, { headers: boolean; log: boolean }>();

/** Which optional phases the pipeline's plugins have (computed once per pipeline). */
export function pipelinePhases(pipeline: Pipeline): { headers: boolean; log: boolean } {
  let found = phases.get(pipeline);
  if (!found) {
    const instances = pipeline.flatMap((s) => [...(s.fallback ? [s.fallback] : []), ...(s.byConsumer?.values() ?? [])]);
    found = {
      headers: instances.some((i) => i.handlers.responseHeaders !== undefined),
      log: instances.some((i) => i.handlers.log !== undefined),
    };
    phases.set(pipeline, found);
  }
  return found;
}

/** The log phase after a reply gatewayd or a plugin wrote itself. */
export function logLocalReply(pipeline: Pipeline, plugins: RequestPluginContext, head: RequestHead, status: number, report: (err: PluginFailure) => void): void {
  if (!pipelinePhases(pipeline).log) return;
  const outcome: RequestOutcome = {
    status: head.aborted ? 0 : status, upstreamStatus: 0, source: 'kong', totalLatency: performance.now() - head.startedAt,
    upstreamLatency: -1, bytesOut: 0, error: head.aborted ? 'client-aborted' : null,
  };
  runLog(pipeline, plugins, outcome, report);
}

/**
 * Forward hooks for a request with plugins: their header phase on the
 * upstream's response head, their log phase at the end; the shared hooks
 * when the pipeline has neither.
 */
export function pluginResponseHooks(base: ForwardHooks, pipeline: Pipeline, plugins: RequestPluginContext, report: (err: PluginFailure) => void): ForwardHooks {
  const { headers, log } = pipelinePhases(pipeline);
  if (plugins.responseHeaders === null && !headers && !log) return base;
  return {
    pools: base.pools,
    onEnd(result) {
      base.onEnd?.(result);
      if (log) runLog(pipeline, plugins, outcomeOf(result), report);
    },
    onResponseHeaders(status, resp) {
      for (const [n, v] of plugins.responseHeaders ?? []) resp.headers.push(n, v);
      if (headers) runResponseHeaders(pipeline, plugins, new ResponseHeadersView(status, resp.headers));
    },
  };
}

function outcomeOf(r: ForwardResult): RequestOutcome {
  return {
    status: r.status, upstreamStatus: r.upstreamStatus, source: r.upstreamStatus > 0 && r.error === null ? 'upstream' : 'kong',
    totalLatency: performance.now() - r.head.startedAt, upstreamLatency: r.upstreamLatency, bytesOut: r.bytesOut, error: r.error,
  };
}
