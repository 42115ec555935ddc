import type { CompiledTarget, CompiledUpstream } from '../../compile/upstream/compile-upstreams.js';

/**
 * Smooth weighted round-robin (nginx's algorithm): over any window of
 * sum(weights) picks, each target is chosen exactly `weight` times, spread
 * evenly. State lives outside the Snapshot, keyed by the upstream's identity,
 * so that a reload that keeps the upstream keeps its position.
 */
class RoundRobin {
  private readonly current: number[];
  private readonly total: number;

  constructor(private readonly targets: readonly CompiledTarget[]) {
    this.current = targets.map(() => 0);
    this.total = targets.reduce((n, t) => n + t.weight, 0);
  }

  pick(): CompiledTarget | undefined {
    const { targets, current } = this;
    if (targets.length === 0) return undefined;
    let best = 0;
    for (let i = 0; i < targets.length; i++) {
      current[i] += targets[i].weight;
      if (current[i] > current[best]) best = i;
    }
    current[best] -= this.total;
    return targets[best];
  }
}

export class Balancers {
  private readonly byIdentity = new Map<string, RoundRobin>();

  pick(upstream: CompiledUpstream): CompiledTarget | undefined {
    let rr = this.byIdentity.get(upstream.identity);
    if (!rr) this.byIdentity.set(upstream.identity, (rr = new RoundRobin(upstream.targets)));
    return rr.pick();
  }

  /** Forget balancers no longer used by the served configuration. */
  retainOnly(identities: ReadonlySet<string>): void {
    for (const key of this.byIdentity.keys()) if (!identities.has(key)) this.byIdentity.delete(key);
  }
}
