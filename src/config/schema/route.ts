import { z } from 'zod';
import {
  arrayOf, bool, entityBase, fail, headerName, int, intOneOf, mapOf, name, opt, oneOf, PROTOCOLS, setOf, str,
  port, anyStr,
} from './typedefs.js';
import { foreignKey } from './foreign-key.js';
import { checkRouteHost, checkRoutePath, checkSni, checkCidrOrIp } from './route-fields.js';
import { checkRouteForProtocols } from './route-protocols.js';
import { checkRegexSyntax } from './regex-syntax.js';

const cidrPort = () =>
  z
    .strictObject({ ip: opt(str()), port: opt(port()) }, { error: 'expected a record' })
    .superRefine((v, ctx) => {
      if (v.ip === null && v.port === null) {
        fail(ctx, "at least one of these fields must be non-empty: 'ip', 'port'", 'schema-entity-check');
      }
      if (v.ip !== null) checkCidrOrIp(v.ip, ctx);
    });

/** Kong `routes` entity fields (kong/db/schema/entities/routes.lua). */
export const routeFields = {
  ...entityBase,
  name: opt(name()),
  protocols: setOf(oneOf(PROTOCOLS), 1).default(['http', 'https']),
  methods: opt(setOf(str().superRefine((m, ctx) => (/^[A-Z]+$/.test(m) ? undefined : fail(ctx, `invalid value: ${m}`, 'schema-pattern'))))),
  hosts: opt(arrayOf(str().superRefine(checkRouteHost))),
  paths: opt(arrayOf(str().superRefine(checkRoutePath))),
  headers: opt(mapOf(arrayOf(anyStr()), headerName())),
  snis: opt(setOf(str().superRefine(checkSni))),
  sources: opt(setOf(cidrPort())),
  destinations: opt(setOf(cidrPort())),
  https_redirect_status_code: intOneOf([426, 301, 302, 307, 308]).default(426),
  regex_priority: int().default(0),
  strip_path: opt(bool()),
  path_handling: oneOf(['v0', 'v1']).default('v0'),
  preserve_host: bool().default(false),
  request_buffering: bool().default(true),
  response_buffering: bool().default(true),
  service: opt(foreignKey()),
  expression: opt(str()),
  priority: opt(int(0, 2 ** 46 - 1)),
};

export type RouteShape = {
  protocols: string[];
  methods: string[] | null;
  hosts: string[] | null;
  paths: string[] | null;
  headers: Record<string, string[]> | null;
  snis: string[] | null;
  sources: unknown[] | null;
  destinations: unknown[] | null;
  strip_path: boolean | null;
  expression: string | null;
  regex_priority: number;
  priority: number | null;
};

/** Entity checks: protocol subschemas, header `host`, expression-only fields. */
export function checkRoute(r: RouteShape, ctx: z.RefinementCtx): void {
  if (r.headers) {
    for (const [h, values] of Object.entries(r.headers)) {
      if (h.toLowerCase() === 'host') {
        fail(ctx, "cannot contain 'host' header, which must be specified in the 'hosts' attribute", 'schema-invalid', ['headers']);
      }
      values.forEach((v, i) => {
        const problem = v.startsWith('~*') ? checkRegexSyntax(v.slice(2)) : undefined;
        if (problem) fail(ctx, problem.message, problem.code, ['headers', h, i]);
      });
    }
  }
  checkRouteForProtocols(r, ctx);
}

export const routeName = name;
