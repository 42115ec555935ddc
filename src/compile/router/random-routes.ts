/**
 * Test helper: random routes and requests from a small shared vocabulary, so
 * that routes overlap and tie a lot. Seeded, so failures reproduce.
 */
import type { RequestSpec, RouteSpec } from './route-fixture.js';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = ['a.com', 'b.com', '*.a.com', 'x.*', 'a.com:8443', '*.b.com:8000', 'x.a.com', 'X.B.COM'];
const REQUEST_HOSTS = ['a.com', 'b.com', 'x.a.com', 'y.x.a.com', 'x.b.com', 'x.org', 'a.com:8443', 'x.b.com:8000', 'X.A.COM', ''];
const PATHS = ['/', '/a', '/a/b', '/ab', '/a/b/c', '/b', '~/a/\\d+', '~/a/(?<id>\\d+)/c', '~/(a|b)/', '~/b$', '~/a/b|/c', '~/ab?'];
const REQUEST_PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/c', '/a/12', '/a/12/c', '/ab', '/abc', '/b', '/b/', '/c', '/x/c', '/a/./b', '/a%2Fb', '/%61/12'];
const METHODS = ['GET', 'POST', 'PUT'];
const HEADER_VALUES = ['1', '2', '~*^1', '~*x'];
const SNIS = ['s.com', 't.com'];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

function some<T>(rnd: () => number, xs: readonly T[], chance: number, max = 3): T[] | null {
  if (rnd() >= chance) return null;
  const n = 1 + Math.floor(rnd() * max);
  return [...new Set(Array.from({ length: n }, () => pick(rnd, xs)))];
}

export function randomRoute(rnd: () => number, i: number): RouteSpec {
  const headers = rnd() < 0.25 ? { h: some(rnd, HEADER_VALUES, 1, 2)!, ...(rnd() < 0.3 ? { k: ['1'] } : {}) } : null;
  const snis = rnd() < 0.1 ? some(rnd, SNIS, 1, 2) : null;
  const route: RouteSpec = {
    name: `r${i}`,
    hosts: some(rnd, HOSTS, 0.5),
    paths: some(rnd, PATHS, 0.8),
    methods: some(rnd, METHODS, 0.3, 2),
    headers,
    snis,
    protocols: snis ? ['https'] : ['http', 'https'],
    regex_priority: rnd() < 0.2 ? Math.floor(rnd() * 5) - 2 : 0,
  };
  if (!route.hosts && !route.paths && !route.methods && !route.headers && !route.snis) route.paths = ['/'];
  return route;
}

export function randomRequest(rnd: () => number): RequestSpec {
  const headers: Record<string, string | string[]> = {};
  if (rnd() < 0.5) headers.h = pick(rnd, ['1', '2', 'x', '12', 'X1']);
  if (rnd() < 0.3) headers.k = rnd() < 0.5 ? '1' : ['0', '1'];
  const https = rnd() < 0.3;
  return {
    method: pick(rnd, METHODS),
    host: pick(rnd, REQUEST_HOSTS),
    port: pick(rnd, [8000, 8443]),
    path: pick(rnd, REQUEST_PATHS),
    scheme: https ? 'https' : 'http',
    sni: https && rnd() < 0.8 ? pick(rnd, SNIS) : undefined,
    headers,
  };
}
