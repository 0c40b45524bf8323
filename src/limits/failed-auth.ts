import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { createBudget } from "./budget.js";
import type { Budget, BudgetDecision } from "./interface.js";

/** A failed check claimed before a store lookup, to give back if the key turns out valid. */
export interface FailedAuthReservation {
  decision: BudgetDecision;
  /** When the window the reservation was counted in resets (epoch ms). */
  windowEndsAt: number;
}

/**
 * Limits failed key checks per client address, exactly under any concurrency: every key but
 * one this instance recently verified as valid claims one failure from the address's budget
 * before its store lookup (one Redis round trip, atomic across instances; in-process counters while Redis
 * is away or absent), and gives it back when the key turns out valid. Past the limit the
 * address is blocked in memory until its window resets: only keys this instance already
 * verified are accepted, anything else is refused without touching the store or Redis. A
 * valid key's claim is held until its lookup ends, so a burst may see a few failures refused
 * early; never more than the limit answered.
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

  /** Claims one failed check for `address`; a refused claim blocks the address for the rest of its window. */
  async reserve(address: string): Promise<FailedAuthReservation> {
    const decision = await this.budget.consume(address);
    if (!decision.allowed) this.blocked.set(address, Date.now() + decision.resetMs, { ttl: Math.max(decision.resetMs, 1) });
    return { decision, windowEndsAt: Date.now() + decision.resetMs };
  }

  /** The key checked under `reservation` was valid: the address did not fail. */
  release(address: string, reservation: FailedAuthReservation): void {
    // Past the window's end the count has already reset; giving back would open a new window below zero.
    if (Date.now() < reservation.windowEndsAt) void this.budget.giveBack(address);
  }
}
