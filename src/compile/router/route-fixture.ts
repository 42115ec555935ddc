/**
 * Test helper: NormalizedRoute objects with Kong's defaults filled in, and
 * MatchRequest objects with plain defaults (GET http://example.com:8000/).
 */
import type { NormalizedRoute } from '../../config/types.js';
import { entityUuid } from '../../config/normalize/uuid-v5.js';
import type { MatchRequest } from './types.js';

export type RouteSpec = Partial<NormalizedRoute> & { name: string };

export function makeRoute(spec: RouteSpec): NormalizedRoute {
  return {
    id: entityUuid('routes', spec.name),
    created_at: null,
    tags: null,
    protocols: ['http', 'https'],
    methods: null,
    hosts: null,
    paths: null,
    headers: null,
    snis: null,
    sources: null,
    destinations: null,
    https_redirect_status_code: 426,
    regex_priority: 0,
    strip_path: true,
    path_handling: 'v0',
    preserve_host: false,
    request_buffering: true,
    response_buffering: true,
    service: null,
    expression: null,
    priority: null,
    ...spec,
  };
}

export type RequestSpec = Partial<Omit<MatchRequest, 'headers'>> & { headers?: Record<string, string | string[]> };

export function makeRequest(spec: RequestSpec = {}): MatchRequest {
  const headers = new Map(Object.entries(spec.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v] as const));
  return { method: 'GET', host: 'example.com', port: 8000, path: '/', scheme: 'http', ...spec, headers };
}
