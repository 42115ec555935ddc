import type { z } from 'zod';
import { fail } from './typedefs.js';
import type { RouteShape } from './route.js';

type Field = 'methods' | 'hosts' | 'paths' | 'headers' | 'snis' | 'sources' | 'destinations';

const isSet = (r: RouteShape, f: Field) => {
  const v = r[f];
  return v !== null && v !== undefined && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
};

const quoteList = (fields: readonly string[]) => fields.map((f) => `'${f}'`).join(', ');

function mustBeNull(r: RouteShape, ctx: z.RefinementCtx, fields: Field[], when: string): void {
  for (const f of fields) if (isSet(r, f)) fail(ctx, `cannot set '${f}' when 'protocols' is ${when}`, 'route-protocol-field', [f]);
}

function needOneOf(r: RouteShape, ctx: z.RefinementCtx, fields: Field[], when: string): void {
  if (r.expression) return;
  if (!fields.some((f) => isSet(r, f))) {
    fail(ctx, `must set one of ${quoteList(fields)} when 'protocols' is ${when}`, 'route-no-matcher');
  }
}

/** Kong's route subschemas, chosen by the protocols the route serves (routes_subschemas.lua). */
export function checkRouteForProtocols(r: RouteShape, ctx: z.RefinementCtx): void {
  const p = new Set(r.protocols);
  checkExclusiveSets(p, ctx);
  checkSnisAllowed(r, p, ctx);
  checkExpressionFields(r, ctx);
  if (p.has('http') || p.has('https')) {
    mustBeNull(r, ctx, ['sources', 'destinations'], "'http' or 'https'");
    if (p.has('https')) needOneOf(r, ctx, ['methods', 'hosts', 'headers', 'paths', 'snis'], "'https'");
    else needOneOf(r, ctx, ['methods', 'hosts', 'headers', 'paths'], "'http'");
  } else if (p.has('tcp') || p.has('tls') || p.has('udp') || p.has('tls_passthrough')) {
    const when = "'tcp', 'tls', 'tls_passthrough' or 'udp'";
    mustBeNull(r, ctx, ['methods', 'hosts', 'paths', 'headers'], when);
    if (p.has('tls_passthrough')) {
      if (!isSet(r, 'snis')) fail(ctx, "must set snis when 'protocols' is 'tls_passthrough'", 'route-no-matcher');
    } else needOneOf(r, ctx, ['sources', 'destinations', 'snis'], "'tcp', 'tls' or 'udp'");
  } else if (p.has('grpc') || p.has('grpcs')) {
    if (r.strip_path === true) fail(ctx, "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'", 'route-protocol-field', ['strip_path']);
    mustBeNull(r, ctx, ['methods', 'sources', 'destinations'], "'grpc' or 'grpcs'");
    if (p.has('grpcs')) needOneOf(r, ctx, ['hosts', 'headers', 'paths', 'snis'], "'grpcs'");
    else needOneOf(r, ctx, ['hosts', 'headers', 'paths'], "'grpc'");
  }
}

const GROUPS = [['http', 'https'], ['tcp', 'tls', 'udp'], ['tls_passthrough'], ['grpc', 'grpcs']];

function checkExclusiveSets(p: Set<string>, ctx: z.RefinementCtx): void {
  const used = GROUPS.filter((g) => g.some((x) => p.has(x)));
  if (used.length > 1) {
    const sets = used.map((g) => `(${g.map((x) => `'${x}'`).join(', ')})`).join(', ');
    fail(ctx, `these sets are mutually exclusive: ${sets}`, 'route-protocols-exclusive', ['protocols']);
  }
}

function checkSnisAllowed(r: RouteShape, p: Set<string>, ctx: z.RefinementCtx): void {
  if (!isSet(r, 'snis')) return;
  if (!['grpcs', 'https', 'tls', 'tls_passthrough'].some((x) => p.has(x))) {
    fail(ctx, "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'", 'route-protocol-field', ['snis']);
  }
}

function checkExpressionFields(r: RouteShape, ctx: z.RefinementCtx): void {
  if (r.expression) {
    // The route's `priority` goes with its expression: one error for the route, not two.
    fail(ctx, "expression routes need Kong's 'expressions' router flavor, which gatewayd does not support", 'unsupported-feature', ['expression']);
  } else if (r.priority !== null && r.priority !== 0) {
    fail(ctx, "route 'priority' belongs to the 'expressions' router flavor, which gatewayd does not support", 'unsupported-feature', ['priority']);
  }
}
