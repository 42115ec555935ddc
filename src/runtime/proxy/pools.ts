import { Pool, type Dispatcher } from 'undici';

/**
 * Connection pools to upstreams, owned apart from any config snapshot and
 * keyed by stable identity (origin + connect timeout, the only pool-level
 * setting; read/write timeouts are per request), so a reload that keeps a
 * service keeps its warm keep-alive connections.
 *
 * Ownership: a snapshot `retain`s the pools it references when it is built
 * and `release`s them when it is retired; a pool whose count drops to zero
 * is closed gracefully (in-flight requests finish). `get` looks up or
 * creates without taking a reference (tests, ad-hoc use); such pools live
 * until `closeAll`.
 */
export interface PoolSettings {
  /** Idle keep-alive lifetime (Kong upstream_keepalive_idle_timeout: 60 s). */
  keepAliveTimeout: number;
  /** Requests per connection before it is recycled (Kong upstream_keepalive_max_requests: 10000). */
  maxRequestsPerClient: number;
  /** Connections per origin; null = unbounded (nginx opens as many as needed). */
  connections: number | null;
  /** Largest upstream response head accepted (Kong's proxy_buffer_size: 160k). */
  maxHeaderSize: number;
}

export const DEFAULT_POOL_SETTINGS: Readonly<PoolSettings> = Object.freeze({
  keepAliveTimeout: 60_000,
  maxRequestsPerClient: 10_000,
  connections: null,
  maxHeaderSize: 160 * 1024,
});

interface Entry {
  readonly pool: Pool;
  refs: number;
}

export class UpstreamPools {
  private readonly byOrigin = new Map<string, Map<number, Entry>>();

  constructor(private readonly settings: Readonly<PoolSettings> = DEFAULT_POOL_SETTINGS) {}

  /** The pool for `origin` (`http://host:port`) and connect timeout (ms); created on first use. */
  get(origin: string, connectTimeout: number): Dispatcher {
    return this.entry(origin, connectTimeout).pool;
  }

  /** Take a reference (a snapshot that will route to this origin). */
  retain(origin: string, connectTimeout: number): Dispatcher {
    const e = this.entry(origin, connectTimeout);
    e.refs++;
    return e.pool;
  }

  /** Drop a reference; the last one closes the pool once its requests finish. */
  async release(origin: string, connectTimeout: number): Promise<void> {
    const byTimeout = this.byOrigin.get(origin);
    const e = byTimeout?.get(connectTimeout);
    if (byTimeout === undefined || e === undefined) return;
    if (--e.refs > 0) return;
    byTimeout.delete(connectTimeout);
    if (byTimeout.size === 0) this.byOrigin.delete(origin);
    await e.pool.close();
  }

  /** Number of live pools. */
  get size(): number {
    let n = 0;
    for (const m of this.byOrigin.values()) n += m.size;
    return n;
  }

  /** Close every pool gracefully (shutdown). */
  async closeAll(): Promise<void> {
    const pools = this.drain();
    await Promise.all(pools.map((p) => p.close()));
  }

  /** Destroy every pool now, failing in-flight requests (forced shutdown). */
  async destroyAll(): Promise<void> {
    const pools = this.drain();
    await Promise.all(pools.map((p) => p.destroy()));
  }

  private drain(): Pool[] {
    const pools: Pool[] = [];
    for (const m of this.byOrigin.values()) for (const e of m.values()) pools.push(e.pool);
    this.byOrigin.clear();
    return pools;
  }

  private entry(origin: string, connectTimeout: number): Entry {
    let byTimeout = this.byOrigin.get(origin);
    if (byTimeout === undefined) {
      byTimeout = new Map();
      this.byOrigin.set(origin, byTimeout);
    }
    let e = byTimeout.get(connectTimeout);
    if (e === undefined) {
      e = { pool: this.create(origin, connectTimeout), refs: 0 };
      byTimeout.set(connectTimeout, e);
    }
    return e;
  }

  private create(origin: string, connectTimeout: number): Pool {
    const s = this.settings;
    return new Pool(origin, {
      connections: s.connections,
      keepAliveTimeout: s.keepAliveTimeout,
      keepAliveMaxTimeout: Math.max(s.keepAliveTimeout, 600_000),
      maxRequestsPerClient: s.maxRequestsPerClient,
      maxHeaderSize: s.maxHeaderSize,
      connectTimeout,
      pipelining: 1,
    });
  }
}
