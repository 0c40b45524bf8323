import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { createBudget } from "./budget.js";
import type { Budget } from "./interface.js";

/**
 * Limits failed key checks per client address. Past the limit, the address is blocked in
 * memory until its window resets: while blocked, only keys this instance already verified are
 * accepted, anything else is refused without touching the store. The failures are counted in
 * Redis when it is configured, so an address flooding several instances is blocked on all.
 */
export class FailedAuthGuard {
  private readonly budget: Budget;
  private readonly blocked = new LRUCache<string, number>({ max: 100_000, ttlAutopurge: false });

  constructor(
    readonly limit: number,
    options: { redis?: Redis | undefined; prefix: string; onFallback?: ((budget: string) => void) | undefined },
  ) {
    this.budget = createBudget({
      points: limit,
      windowSeconds: 60,
      keyPrefix: `${options.prefix}failed-auth`,
      redis: options.redis,
      onFallback: options.onFallback && (() => options.onFallback!("failed_auth")),
    });
  }

  /** Milliseconds until `address` may try unknown keys again; 0 when it may now. */
  blockedFor(address: string): number {
    const until = this.blocked.get(address);
    if (until === undefined) return 0;
    return Math.max(until - Date.now(), 0);
  }

  async recordFailure(address: string): Promise<void> {
    const decision = await this.budget.consume(address);
    if (!decision.allowed) this.blocked.set(address, Date.now() + decision.resetMs, { ttl: decision.resetMs });
  }
}
