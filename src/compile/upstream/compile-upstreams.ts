import { isIP } from 'node:net';
import type { NormalizedConfig } from '../../config/load.js';

/** One balancing target of an upstream, parsed. */
export interface CompiledTarget {
  readonly id: string;
  /** `host:port` as written (port filled with 8000 when absent, as Kong). */
  readonly target: string;
  readonly host: string;
  readonly port: number;
  readonly weight: number;
}

export interface CompiledUpstream {
  readonly id: string;
  readonly name: string;
  readonly algorithm: string;
  readonly hostHeader: string | null;
  /** Targets with weight > 0, in file order. */
  readonly targets: readonly CompiledTarget[];
  /** Stable identity of the balancing set: state (positions, health) is kept while it is unchanged. */
  readonly identity: string;
}

/** Split `host:port`, `[v6]:port`, `v4`, `host` (Kong: no port → 8000). */
export function parseTarget(target: string): { host: string; port: number } {
  if (target.startsWith('[')) {
    const end = target.indexOf(']');
    const port = target.slice(end + 1).replace(/^:/, '');
    return { host: target.slice(1, end), port: port ? Number(port) : 8000 };
  }
  if (isIP(target) === 6) return { host: target, port: 8000 };
  const colon = target.lastIndexOf(':');
  if (colon === -1) return { host: target, port: 8000 };
  return { host: target.slice(0, colon), port: Number(target.slice(colon + 1)) };
}

export function compileUpstreams(config: NormalizedConfig): Map<string, CompiledUpstream> {
  const byName = new Map<string, CompiledUpstream>();
  for (const u of config.upstreams) {
    const targets = config.targets
      .filter((t) => t.upstream === u.id && Number(t.weight) > 0)
      .map((t) => ({ id: t.id, target: String(t.target), weight: Number(t.weight), ...parseTarget(String(t.target)) }));
    const identity = `${u.id}|${String(u.algorithm)}|${targets.map((t) => `${t.target}*${t.weight}`).join(',')}`;
    byName.set(String(u.name), Object.freeze({
      id: u.id,
      name: String(u.name),
      algorithm: String(u.algorithm ?? 'round-robin'),
      hostHeader: (u.host_header as string | null) ?? null,
      targets: Object.freeze(targets),
      identity,
    }));
  }
  return byName;
}
