/**
 * opentelemetry config (kong/plugins/opentelemetry/schema.lua).
 * - shorthand `endpoint` → `traces_endpoint` (deprecated: loses to a set
 *   `traces_endpoint`);
 * - the deprecated `batch_span_count` / `batch_flush_delay` stay fields as in
 *   Kong and still override `queue.max_batch_size` / `queue.max_coalescing_delay`
 *   (see `prepare`), as they do in Kong at run time;
 * - the deprecated `header_type` is kept as is: turning it into
 *   `propagation` settings is done at run time (handler), as in Kong.
 */
import {
  arrayOf, atLeastOneOf, dflt, enumOf, headerName, int, kongMap, legacyQueueParams, numBetween, opt, pluginConfig,
  queue, record, str, timeout, url, type Obj, type Shorthand, type z,
} from '../sdk.js';

/** Kong's tracing header formats (kong/observability/tracing/propagation). */
export const INJECTORS = ['w3c', 'b3', 'b3-single', 'jaeger', 'ot', 'datadog', 'aws', 'gcp', 'instana'] as const;
export const EXTRACTORS = ['w3c', 'b3', 'jaeger', 'ot', 'datadog', 'aws', 'gcp', 'instana'] as const;
const HEADER_TYPES = ['preserve', 'ignore', 'b3', 'b3-single', 'w3c', 'jaeger', 'ot', 'aws', 'gcp', 'datadog'] as const;

/** Kong `typedefs.propagation`, defaulting to `{ default_format = "w3c" }`. */
const propagation = () =>
  record({
    extract: opt(arrayOf(enumOf(EXTRACTORS))),
    clear: opt(arrayOf(headerName())),
    inject: opt(arrayOf(enumOf(['preserve', ...INJECTORS]))),
    default_format: enumOf(INJECTORS),
  }).prefault({ default_format: 'w3c' });

const SHORTHANDS: Shorthand[] = [{ name: 'endpoint', type: url(), target: ['traces_endpoint'], checkMismatch: false }];

const QUEUE_DEFAULT = { max_batch_size: 200 };

/** Moves the legacy batching fields into `queue`. */
export function prepare(input: Obj): Obj {
  return legacyQueueParams(input, [
    { from: 'batch_span_count', to: 'max_batch_size', oldDefault: 200, type: int(1, 1000000) },
    { from: 'batch_flush_delay', to: 'max_coalescing_delay', oldDefault: 3, type: numBetween(0, 3600) },
  ], QUEUE_DEFAULT);
}

export const configSchema = pluginConfig(
  {
    traces_endpoint: opt(url()),
    logs_endpoint: opt(url()),
    headers: opt(kongMap(str(), headerName())),
    resource_attributes: opt(kongMap(str(), str())),
    queue: queue(QUEUE_DEFAULT),
    batch_span_count: opt(int()),
    batch_flush_delay: opt(int()),
    connect_timeout: dflt(timeout(), 1000),
    send_timeout: dflt(timeout(), 5000),
    read_timeout: dflt(timeout(), 5000),
    http_response_header_for_traceid: opt(str()),
    header_type: dflt(enumOf(HEADER_TYPES), 'preserve'),
    sampling_rate: opt(numBetween(0, 1)),
    propagation: propagation(),
  },
  {
    shorthands: SHORTHANDS,
    prepare,
    entityChecks: (cfg, ctx) => atLeastOneOf(ctx, cfg, ['traces_endpoint', 'logs_endpoint']),
  },
);

/** The validated config, defaults filled. */
export type Config = z.output<typeof configSchema>;
