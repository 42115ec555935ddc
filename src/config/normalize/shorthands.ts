import { issue, type ConfigIssue, type IssuePath } from '../issues.js';
import type { EntityKey } from '../schema/entities.js';
import { expandServiceUrl } from '../schema/service.js';
import { applyUpstreamShorthands } from '../schema/upstream.js';
import { caCertificateDigest } from '../schema/ca-certificate.js';

type Raw = Record<string, unknown>;
type Expander = (raw: Raw, path: IssuePath, file: string, issues: ConfigIssue[]) => Raw;

/**
 * Shorthand fields are expanded before validation (kong-format.md §1.9): a
 * non-deprecated shorthand overrides the fields it stands for.
 */
const EXPANDERS: Partial<Record<EntityKey, Expander>> = {
  services: expandServiceShorthand,
  upstreams: (raw) => applyUpstreamShorthands(raw),
  ca_certificates: fillCertDigest,
};

export function expandShorthands(key: EntityKey, raw: Raw, path: IssuePath, file: string, issues: ConfigIssue[]): Raw {
  const expand = EXPANDERS[key];
  return expand ? expand(raw, path, file, issues) : raw;
}

function expandServiceShorthand(raw: Raw, path: IssuePath, file: string, issues: ConfigIssue[]): Raw {
  if (!('url' in raw)) return raw;
  const url = raw.url;
  const rest: Raw = {};
  for (const k in raw) if (k !== 'url') rest[k] = raw[k];
  if (url === null || url === undefined) return rest;
  if (typeof url !== 'string') {
    issues.push(issue('schema-type', 'expected a string', [...path, 'url'], { file }));
    return rest;
  }
  const parsed = expandServiceUrl(url);
  if (typeof parsed === 'string') {
    issues.push(issue('service-url-invalid', parsed, [...path, 'url'], { file }));
    return rest;
  }
  return { ...rest, ...parsed };
}

/** Kong routes default strip_path to true, except gRPC routes (false). */
export function defaultStripPath(route: Raw): Raw {
  if (route.strip_path !== null && route.strip_path !== undefined) return route;
  const protocols = (route.protocols as string[] | undefined) ?? [];
  const grpc = protocols.length > 0 && protocols.every((p) => p === 'grpc' || p === 'grpcs');
  return { ...route, strip_path: !grpc };
}

/** Kong's transformation: `cert_digest` is the hex SHA-256 of the certificate (unique across the file). */
function fillCertDigest(raw: Raw): Raw {
  if (raw.cert_digest !== undefined && raw.cert_digest !== null) return raw;
  const digest = typeof raw.cert === 'string' ? caCertificateDigest(raw.cert) : undefined;
  return digest ? { ...raw, cert_digest: digest } : raw;
}
