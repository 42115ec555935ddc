import uWS from 'uWebSockets.js';
import type { Snapshot } from '../../compile/compile-snapshot.js';
import type { EntityKey } from '../../config/schema/entities.js';
import { COUNTER, type SharedCounters } from '../counters.js';
import { LISTED, findEntity, listEntities } from './entity-views.js';
import { VERSION } from '../../version.js';
import { configureUws } from '../http/uws-config.js';
import type { ReloadStatus } from '../reload/reload-status.js';
import type { SourceFile } from '../../config/source/read-sources.js';
import type { ConfigIssue } from '../../config/issues.js';
import { readConfigBody, type AbortState } from './post-config.js';
import { kongConfigErrorBody } from './flattened-errors.js';

/** What the admin API reads from the running gateway. */
export interface AdminState {
  snapshot(): Snapshot | undefined;
  counters: SharedCounters;
  workers: number;
  reload: ReloadStatus;
  /** Validate and apply a configuration sent to `POST /config`. */
  applyPosted(file: SourceFile): Promise<{ hash: string } | { issues: ConfigIssue[] }>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const STATUS_TEXT: Record<number, string> = {
  200: '200 OK', 201: '201 Created', 400: '400 Bad Request', 404: '404 Not Found', 405: '405 Method Not Allowed',
  413: '413 Payload Too Large', 500: '500 Internal Server Error', 503: '503 Service Unavailable',
};

function send(res: uWS.HttpResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.cork(() => {
    res.writeStatus(STATUS_TEXT[status] ?? String(status)).writeHeader('Content-Type', JSON_TYPE).writeHeader('Server', `gatewayd/${VERSION}`).end(text);
  });
}

/** The admin listener's app: Kong-shaped status and read-only entity views. */
export function createAdminApp(state: AdminState): uWS.TemplatedApp {
  configureUws();
  const app = uWS.App();
  app.get('/', (res) => send(res, 200, { tagline: 'Welcome to gatewayd', version: VERSION, configuration_hash: state.snapshot()?.hash ?? null }));
  app.get('/status', (res) => send(res, 200, statusBody(state)));
  app.get('/status/ready', (res) => {
    const ready = state.snapshot() !== undefined;
    send(res, ready ? 200 : 503, { message: ready ? 'ready' : 'no configuration loaded' });
  });
  app.post('/config', (res, req) => void postConfig(res, req, state));
  app.get('/metrics', (res) => {
    res.cork(() => res.writeStatus('200 OK').writeHeader('Content-Type', 'text/plain; version=0.0.4').end(metricsText(state)));
  });
  app.get('/:collection', (res, req) => listCollection(res, state, req.getParameter(0) ?? ''));
  app.get('/:collection/:id', (res, req) => showEntity(res, state, req.getParameter(0) ?? '', decodeURIComponent(req.getParameter(1) ?? '')));
  app.any('/*', (res, req) => {
    const method = req.getMethod();
    send(res, method === 'get' ? 404 : 405, { message: method === 'get' ? 'Not found' : 'Method not allowed' });
  });
  return app;
}

function statusBody(state: AdminState): Record<string, unknown> {
  const mem = process.memoryUsage();
  return {
    configuration_hash: state.snapshot()?.hash ?? null,
    server: {
      total_requests: state.counters.total(COUNTER.totalRequests),
      requests_active: state.counters.total(COUNTER.activeRequests),
    },
    memory: { rss: mem.rss, heap_used: mem.heapUsed, heap_total: mem.heapTotal, external: mem.external },
    workers: state.workers,
    ...state.reload.toJSON(),
  };
}

/**
 * `POST /config`. Never throws: a failure to apply answers 500 and keeps the
 * configuration in force, and a client gone while the configuration was
 * being applied gets nothing (writing to an aborted uWS response throws, and
 * an unhandled rejection would end the gateway).
 */
async function postConfig(res: uWS.HttpResponse, req: uWS.HttpRequest, state: AdminState): Promise<void> {
  const conn: AbortState = { aborted: false };
  const reply = (status: number, body: unknown) => {
    if (!conn.aborted) send(res, status, body);
  };
  try {
    const body = await readConfigBody(res, req, conn);
    if (!body) return;
    if (body.error) return reply(body.error.status, { message: body.error.message });
    const outcome = await state.applyPosted(body.file!);
    if ('hash' in outcome) return reply(201, { configuration_hash: outcome.hash });
    reply(400, kongConfigErrorBody(outcome.issues, body.file));
  } catch (err) {
    reply(500, { message: `configuration not applied: ${(err as Error).message ?? String(err)}` });
  }
}

/** Prometheus text: the reload outcome counters and request totals. */
function metricsText(state: AdminState): string {
  const { success, failure } = state.reload.counts;
  return [
    '# HELP gatewayd_config_reloads_total Configuration reloads by result.',
    '# TYPE gatewayd_config_reloads_total counter',
    `gatewayd_config_reloads_total{result="success"} ${success}`,
    `gatewayd_config_reloads_total{result="failure"} ${failure}`,
    '# HELP gatewayd_config_last_reload_ok 1 if the last reload applied, 0 if it was refused.',
    '# TYPE gatewayd_config_last_reload_ok gauge',
    `gatewayd_config_last_reload_ok ${state.reload.lastReload?.ok === false ? 0 : 1}`,
    '# HELP gatewayd_config_degraded 1 when serving a last-known-good configuration because the configured one is invalid.',
    '# TYPE gatewayd_config_degraded gauge',
    `gatewayd_config_degraded ${state.reload.degraded ? 1 : 0}`,
    '# HELP gatewayd_requests_total Requests received by the proxy.',
    '# TYPE gatewayd_requests_total counter',
    `gatewayd_requests_total ${state.counters.total(COUNTER.totalRequests)}`,
    '',
  ].join('\n');
}

function listCollection(res: uWS.HttpResponse, state: AdminState, collection: string): void {
  const listed = LISTED[collection];
  const snap = state.snapshot();
  if (!listed) return send(res, 404, { message: 'Not found' });
  if (!snap) return send(res, 200, { data: [], next: null });
  send(res, 200, listEntities(snap.config, listed.key as EntityKey));
}

function showEntity(res: uWS.HttpResponse, state: AdminState, collection: string, id: string): void {
  const listed = LISTED[collection];
  const snap = state.snapshot();
  const entity = listed && snap ? findEntity(snap.config, listed.key, id, listed.byName) : undefined;
  if (!entity) return send(res, 404, { message: 'Not found' });
  send(res, 200, entity);
}
