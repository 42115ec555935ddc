import { warning, type ConfigIssue } from '../config/issues.js';
import type { LoadResult, NormalizedConfig } from '../config/load.js';
import type { NormalizedRoute } from '../config/types.js';
import { locateIssues } from '../config/source/locate.js';
import { compileRouterSteps, runSteps, type Router } from './router/index.js';
import { compileServices, type CompiledService } from './compile-services.js';
import { compileUpstreams, type CompiledUpstream } from './upstream/compile-upstreams.js';
import { compileInstances, consumersWithPlugins, routePipeline, type Pipeline } from './pipeline/route-pipelines.js';
import { buildConsumerDirectory } from './consumers/consumer-directory.js';
import { PLUGIN_DEFINITIONS } from '../plugins/registry.js';
import type { ConsumerDirectory } from '../plugins/sdk.js';

/**
 * Everything a worker needs to serve one configuration, built once and never
 * mutated: requests take the current Snapshot once and keep it to the end.
 */
export interface Snapshot {
  readonly hash: string;
  readonly config: NormalizedConfig;
  readonly router: Router;
  readonly services: ReadonlyMap<string, CompiledService>;
  /** by upstream name (what `service.host` refers to) */
  readonly upstreams: ReadonlyMap<string, CompiledUpstream>;
  /** route id → the plugins that run for it, in order (absent: none) */
  readonly pipelines: ReadonlyMap<string, Pipeline>;
  readonly consumers: ConsumerDirectory;
}

/**
 * Compile a loaded configuration. `lint` adds the analyses only lint needs
 * (route conflicts: costly on large tables, so the proxy skips them).
 */
export function compileSnapshot(result: LoadResult, opts: { lint?: boolean } = {}): { snapshot: Snapshot; issues: ConfigIssue[] } {
  return runSteps(compileSnapshotSteps(result, opts));
}

/** compileSnapshot in small steps: a worker runs them between requests, then flips its one reference. */
export function* compileSnapshotSteps(result: LoadResult, opts: { lint?: boolean } = {}): Generator<void, { snapshot: Snapshot; issues: ConfigIssue[] }> {
  const config = result.config!;
  const upstreams = compileUpstreams(config);
  const services = compileServices(config, upstreams);
  yield;
  const routes = servedRoutes(config, services);
  const router = yield* compileRouterSteps(routes);
  const pipelines = compilePipelines(config, routes);
  const consumers = buildConsumerDirectory(config);
  const issues = [...pluginsWithoutHandler(result), ...(opts.lint ? [...routeConflictIssues(router, result), ...pathHandlingV1(routes, result)] : [])];
  const snapshot: Snapshot = Object.freeze({ hash: result.hash!, config, router, services, upstreams, pipelines, consumers });
  return { snapshot, issues };
}

/** An enabled plugin without a handler in gatewayd yet: named once, so that `start` can refuse to serve without it. */
export const PLUGIN_NOT_IMPLEMENTED = 'plugin-not-implemented';

/** Plugin instances compiled once; each route gets its ordered pipeline (routes without plugins get none). */
function compilePipelines(config: NormalizedConfig, routes: NormalizedRoute[]): Map<string, Pipeline> {
  const instances = compileInstances(config, PLUGIN_DEFINITIONS);
  const pipelines = new Map<string, Pipeline>();
  if (instances.size === 0) return pipelines;
  const consumerIds = consumersWithPlugins(instances);
  for (const route of routes) {
    const pipeline = routePipeline(route, instances, consumerIds);
    if (pipeline.length > 0) pipelines.set(route.id, pipeline);
  }
  return pipelines;
}

export function pluginsWithoutHandler(result: LoadResult): ConfigIssue[] {
  const byName = new Map<string, { first: NormalizedConfig['plugins'][number]; count: number }>();
  for (const p of result.config!.plugins) {
    if (p.enabled === false || PLUGIN_DEFINITIONS.has(String(p.name))) continue;
    const seen = byName.get(String(p.name));
    if (seen) seen.count++;
    else byName.set(String(p.name), { first: p, count: 1 });
  }
  // One issue per plugin name, at its first use: a large file is not drowned in copies.
  const issues = [...byName].map(([name, { first, count }]) => {
    const o = result.origins.get(`plugins:${first.id}`);
    const uses = count === 1 ? '' : ` (${count} instances; the first is here)`;
    return warning(PLUGIN_NOT_IMPLEMENTED, `plugin '${name}' is valid, but this version of gatewayd cannot run it yet: it will not serve this configuration${uses}`, o?.path ?? ['plugins'], { file: o?.file });
  });
  if (issues.length && result.files.length) locateIssues(issues, result.files);
  return issues;
}

/** Routes of disabled services are left out of the router (Kong answers 404 for them). */
function servedRoutes(config: NormalizedConfig, services: ReadonlyMap<string, CompiledService>): NormalizedRoute[] {
  const routes = config.routes as unknown as NormalizedRoute[];
  return routes.filter((r) => r.service === null || services.get(r.service)?.enabled !== false);
}

function routeConflictIssues(router: Router, result: LoadResult): ConfigIssue[] {
  const { shadowed, ties } = router.conflicts();
  const at = (r: NormalizedRoute) => result.origins.get(`routes:${r.id}`) ?? { file: undefined, path: ['routes'] };
  const label = (r: NormalizedRoute) => (r.name ? `'${r.name}'` : r.id);
  const issues: ConfigIssue[] = [];
  for (const { route, by } of shadowed) {
    const o = at(route);
    issues.push(warning('route-shadowed', `route ${label(route)} can never match: route ${label(by)} always wins for the requests it matches`, o.path, { file: o.file, related: relatedOf(at(by), 'winning route at') }));
  }
  for (const { a, b } of ties) {
    const o = at(b);
    issues.push(warning('route-tie', `routes ${label(a)} and ${label(b)} tie exactly; which one wins is decided by id, as in Kong`, o.path, { file: o.file, related: relatedOf(at(a), 'other route at') }));
  }
  locateIssues(issues, result.files);
  return issues;
}

/** Kong's default router ignores `path_handling: v1` (it joins paths the v0 way); gatewayd does the same, and says so. */
function pathHandlingV1(routes: NormalizedRoute[], result: LoadResult): ConfigIssue[] {
  const issues = routes
    .filter((r) => r.path_handling === 'v1')
    .map((r) => {
      const o = result.origins.get(`routes:${r.id}`);
      return warning('route-path-handling-v1', "path_handling 'v1' is ignored by Kong's default router (traditional_compatible) and by gatewayd: the upstream path is joined the v0 way", o ? [...o.path, 'path_handling'] : ['routes'], { file: o?.file });
    });
  locateIssues(issues, result.files);
  return issues;
}

function relatedOf(o: { file?: string; path: (string | number)[] }, label: string) {
  return o.file ? { file: o.file, path: o.path, label } : undefined;
}
