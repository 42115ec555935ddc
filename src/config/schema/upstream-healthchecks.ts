/**
 * The upstream `healthchecks` record (kong/db/schema/entities/upstreams.lua):
 * every sub-record expands with Kong's defaults when omitted.
 */
import {
  arrayOf, bool, customStr, headerName, int, mapOf, nested, num, oneOf, opt, path, record, str,
} from './typedefs.js';
import { sniProblem } from './host-port.js';

const CHECK_TYPES = ['tcp', 'http', 'https', 'grpc', 'grpcs'] as const;

const ACTIVE_HEALTHY_STATUSES = [200, 302];
const ACTIVE_UNHEALTHY_STATUSES = [429, 404, 500, 501, 502, 503, 504, 505];
const PASSIVE_HEALTHY_STATUSES = [
  200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308,
];
const PASSIVE_UNHEALTHY_STATUSES = [429, 500, 503];

/** Seconds, 0..65535 (a number: fractions allowed). */
const seconds = (def: number) => num(0, 65535).default(def);
/** Counters 0..255. */
const counter = () => int(0, 255).default(0);
const statuses = (def: readonly number[]) => arrayOf(int(100, 999)).default(() => [...def]);
const checkType = () => oneOf(CHECK_TYPES).default('http');

/** Kong `typedefs.sni`: a hostname, not an IP, no port. */
const sni = () => customStr(sniProblem);

const activeHealthy = record({
  interval: seconds(0),
  http_statuses: statuses(ACTIVE_HEALTHY_STATUSES),
  successes: counter(),
});

const activeUnhealthy = record({
  interval: seconds(0),
  http_statuses: statuses(ACTIVE_UNHEALTHY_STATUSES),
  tcp_failures: counter(),
  timeouts: counter(),
  http_failures: counter(),
});

const active = record({
  type: checkType(),
  timeout: seconds(1),
  concurrency: int(1, 2 ** 31).default(10),
  http_path: path().default('/'),
  https_sni: opt(sni()),
  https_verify_certificate: bool().default(true),
  headers: opt(mapOf(arrayOf(str()), headerName())),
  healthy: nested(activeHealthy),
  unhealthy: nested(activeUnhealthy),
});

const passive = record({
  type: checkType(),
  healthy: nested(record({ http_statuses: statuses(PASSIVE_HEALTHY_STATUSES), successes: counter() })),
  unhealthy: nested(
    record({
      http_statuses: statuses(PASSIVE_UNHEALTHY_STATUSES),
      tcp_failures: counter(),
      timeouts: counter(),
      http_failures: counter(),
    }),
  ),
});

/** `healthchecks`: active and passive checks plus the `threshold` (% of healthy weight, 0..100). */
export const healthchecks = () =>
  nested(
    record({
      active: nested(active),
      passive: nested(passive),
      threshold: num(0, 100).default(0),
    }),
  );
