/**
 * Router micro-benchmark (a script, not a test):
 *   npx tsx bench/router-match.ts
 * Builds 10,000 routes (exact and wildcard hosts, prefixes, regexes, headers,
 * methods), then prints compile time, match time per request (median and p99
 * of single calls, and the mean over batches) with and without the match
 * cache, and the time findRouteConflicts takes. Targets: compile < 1 s,
 * median match < 2 µs.
 */
import { performance } from 'node:perf_hooks';
import type { NormalizedRoute } from '../src/config/types.js';
import { compileRouter, findRouteConflicts, type MatchRequest, type Router } from '../src/compile/router/index.js';
import { makeRequest, makeRoute, type RouteSpec } from '../src/compile/router/route-fixture.js';

const ROUTES = 10_000;
const REQUESTS = 20_000;
const ROUNDS = 10;
const BATCH = 100;

function routeSpec(i: number): RouteSpec {
  const name = `route-${i}`;
  switch (i % 10) {
    case 0: case 1: case 2: case 3:
      return { name, hosts: [`svc-${i % 500}.example.com`], paths: [`/api/v${i % 3}/resource-${i}`] };
    case 4:
      return { name, hosts: [`*.tenant-${i % 200}.example.com`], paths: [`/t/${i}`] };
    case 5: case 6:
      return { name, paths: [`/svc-${i}/items`, `/svc-${i}/things/all`], methods: i % 2 ? ['GET', 'POST'] : null };
    case 7:
      return { name, paths: [`~/items-${i}/\\d+/(?<sub>\\w+)$`], regex_priority: i % 3 };
    case 8:
      return { name, hosts: [`svc-${i % 500}.example.com`], paths: [`~/reports/${i}/(?<year>\\d{4})`] };
    default:
      return { name, headers: { 'x-version': [`v${i % 7}`] }, paths: [`/hdr-${i}`] };
  }
}

function requestFor(i: number): MatchRequest {
  const n = (i * 7919) % ROUTES;
  switch (n % 10) {
    case 0: case 1: case 2: case 3:
      return makeRequest({ host: `svc-${n % 500}.example.com`, path: `/api/v${n % 3}/resource-${n}/sub/${i}` });
    case 4:
      return makeRequest({ host: `a${i}.tenant-${n % 200}.example.com:8000`, path: `/t/${n}/x` });
    case 5: case 6:
      return makeRequest({ method: 'GET', host: 'gw.example.com', path: `/svc-${n}/things/all/${i}` });
    case 7:
      return makeRequest({ path: `/items-${n}/${i}/detail` });
    case 8:
      return makeRequest({ host: `svc-${n % 500}.example.com`, path: `/reports/${n}/2024/q${i % 4}` });
    default:
      return Math.floor(i / 10) % 5 === 0
        ? makeRequest({ path: `/missing/${i}` })
        : makeRequest({ path: `/hdr-${n}/x`, headers: { 'x-version': `v${n % 7}` } });
  }
}

/** Per-call time of each batch of BATCH requests, over ROUNDS passes; the median is robust to scheduler and GC noise. */
function batchTimes(router: Router, requests: MatchRequest[]): number[] {
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let start = 0; start < requests.length; start += BATCH) {
      const end = Math.min(start + BATCH, requests.length);
      const t0 = process.hrtime.bigint();
      for (let i = start; i < end; i++) router.match(requests[i]);
      perCall.push(Number(process.hrtime.bigint() - t0) / (end - start));
    }
  }
  return perCall.sort((a, b) => a - b);
}

/** CPU time (not wall time: immune to being descheduled on a busy machine) per call of whole passes, median. */
function cpuPerCallNs(router: Router, requests: MatchRequest[]): number {
  const passes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const c0 = process.cpuUsage();
    for (const req of requests) router.match(req);
    const c = process.cpuUsage(c0);
    passes.push(((c.user + c.system) * 1000) / requests.length);
  }
  return passes.sort((a, b) => a - b)[passes.length >> 1];
}

function measure(label: string, router: Router, requests: MatchRequest[]): void {
  for (let w = 0; w < 3; w++) for (const req of requests) router.match(req);
  const t = batchTimes(router, requests);
  const us = (ns: number) => (ns / 1000).toFixed(2) + ' µs';
  const at = (q: number) => t[Math.floor(t.length * q)];
  const cpu = cpuPerCallNs(router, requests);
  console.log(`${label.padEnd(32)} median ${us(at(0.5))}  p90 ${us(at(0.9))}  min ${us(t[0])}  cpu ${us(cpu)}  (${t.length} batches of ${BATCH})`);
}

function main(): void {
  const routes: NormalizedRoute[] = Array.from({ length: ROUTES }, (_, i) => makeRoute(routeSpec(i)));
  const requests = Array.from({ length: REQUESTS }, (_, i) => requestFor(i));

  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const uncached = compileRouter(routes, { cacheSize: 0 });
  const compileMs = performance.now() - t0;
  const compileCpu = process.cpuUsage(c0);
  const matched = requests.filter((r) => uncached.match(r) !== null).length;

  console.log(`node ${process.version}, ${ROUTES} routes, ${REQUESTS} distinct requests (${matched} match a route)`);
  console.log(`compile ${ROUTES} routes: ${compileMs.toFixed(0)} ms (cpu ${((compileCpu.user + compileCpu.system) / 1000).toFixed(0)} ms)`);
  measure('match, no cache', uncached, requests);
  measure('match, cache 5000, 20k distinct', compileRouter(routes), requests);
  measure('match, cache 5000, 2k distinct', compileRouter(routes), requests.slice(0, 2000));
  measure('match, one request repeated', uncached, requests.slice(0, 1).concat(...Array(1999).fill(requests[0])));

  const t1 = performance.now();
  const { shadowed, ties } = findRouteConflicts(routes);
  console.log(`findRouteConflicts: ${(performance.now() - t1).toFixed(0)} ms (${shadowed.length} shadowed, ${ties.length} ties)`);
}

main();
