import type { Pipeline, PipelineStep, PluginInstance } from '../../compile/pipeline/route-pipelines.js';
import type { AccessResult, RequestOutcome, ResponseHeaders } from '../../plugins/sdk.js';
import type { RequestPluginContext } from './plugin-context.js';

/** A plugin handler threw (or rejected): the request fails with Kong's 500, the log names the plugin. */
export class PluginFailure extends Error {
  constructor(readonly plugin: string, override readonly cause: unknown) {
    super(`plugin '${plugin}' failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** The instance of a step that applies to this request: the consumer's own, once one is known, else the fallback. */
export function instanceFor(step: PipelineStep, ctx: RequestPluginContext): PluginInstance | null {
  if (ctx.consumer !== null && step.byConsumer !== null) return step.byConsumer.get(ctx.consumer.id) ?? step.fallback;
  return step.fallback;
}

/**
 * The access phase, in Kong's priority order, stopping at the first local
 * reply. Handlers that return a value are run without `await`: a pipeline of
 * synchronous handlers costs no promise at all.
 */
export function runAccess(pipeline: Pipeline, ctx: RequestPluginContext, from = 0): AccessResult | Promise<AccessResult> {
  for (let i = from; i < pipeline.length; i++) {
    const instance = instanceFor(pipeline[i], ctx);
    const access = instance?.handlers.access;
    if (!access) continue;
    let result: AccessResult | Promise<AccessResult>;
    try {
      result = access(ctx);
    } catch (err) {
      throw new PluginFailure(instance.name, err);
    }
    if (result instanceof Promise) {
      return result.then(
        (r) => r ?? runAccess(pipeline, ctx, i + 1),
        (err: unknown) => {
          throw err instanceof PluginFailure ? err : new PluginFailure(instance.name, err);
        },
      );
    }
    if (result) return result;
  }
  return undefined;
}

/** The header phase: each plugin's responseHeaders, in the same order. */
export function runResponseHeaders(pipeline: Pipeline, ctx: RequestPluginContext, response: ResponseHeaders): void {
  for (const step of pipeline) {
    const instance = instanceFor(step, ctx);
    const handler = instance?.handlers.responseHeaders;
    if (!handler) continue;
    try {
      handler(ctx, response);
    } catch (err) {
      throw new PluginFailure(instance.name, err);
    }
  }
}

/** The log phase: every plugin's `log`, each failure reported and contained (the response is already over). */
export function runLog(pipeline: Pipeline, ctx: RequestPluginContext, outcome: RequestOutcome, report: (err: PluginFailure) => void): void {
  for (const step of pipeline) {
    const instance = instanceFor(step, ctx);
    const log = instance?.handlers.log;
    if (!log) continue;
    try {
      log(ctx, outcome);
    } catch (err) {
      report(new PluginFailure(instance.name, err));
    }
  }
}
