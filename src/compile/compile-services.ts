import type { NormalizedConfig } from '../config/load.js';
import type { NormalizedService } from '../config/types.js';
import type { CompiledUpstream } from './upstream/compile-upstreams.js';

/** A service as the proxy needs it: where to send, how long to wait, how often to retry. */
export interface CompiledService {
  readonly id: string;
  readonly name: string | null;
  readonly protocol: string;
  readonly host: string;
  readonly port: number;
  readonly path: string | null;
  readonly retries: number;
  readonly connectTimeout: number;
  readonly writeTimeout: number;
  readonly readTimeout: number;
  readonly enabled: boolean;
  /** Set when `host` names an upstream entity: balance over its targets. */
  readonly upstream: CompiledUpstream | null;
}

export function compileServices(config: NormalizedConfig, upstreams: ReadonlyMap<string, CompiledUpstream>): Map<string, CompiledService> {
  const out = new Map<string, CompiledService>();
  for (const raw of config.services) {
    const s = raw as unknown as NormalizedService;
    out.set(s.id, Object.freeze({
      id: s.id,
      name: s.name,
      protocol: s.protocol,
      host: s.host,
      port: s.port,
      path: s.path,
      retries: s.retries,
      connectTimeout: s.connect_timeout,
      writeTimeout: s.write_timeout,
      readTimeout: s.read_timeout,
      enabled: s.enabled,
      upstream: upstreams.get(s.host) ?? null,
    }));
  }
  return out;
}
