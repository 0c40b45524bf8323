/**
 * Budgets on rate-limiter-flexible: its Redis limiter counts with one Lua script (INCR and
 * PEXPIRE together), so a budget is exact under any concurrency across instances. With Redis
 * away, the in-process insurance limiter answers instead — no request fails because of Redis.
 */
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Budget, BudgetDecision } from "./interface.js";

export interface BudgetOptions {
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
  /** Namespaces the counters in Redis; budgets sharing a prefix share their counters. */
  keyPrefix: string;
  /** Absent: counters live in this process. */
  redis?: Redis | undefined;
  /** Hears of each count made in process because Redis was away or failed (with `redis` only). */
  onFallback?: (() => void) | undefined;
}

/** The in-process insurance limiter, telling of each use (Redis was away or failed). */
class CountedFallback extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory["consume"]>): Promise<RateLimiterRes> {
    this.onUse();
    return super.consume(...args);
  }
}

function decision(limit: number, result: RateLimiterRes): BudgetDecision {
  const allowed = result.consumedPoints <= limit;
  return {
    allowed,
    limit,
    remaining: allowed ? limit - result.consumedPoints : 0,
    resetMs: Math.max(result.msBeforeNext, 0),
  };
}

export function createBudget({ points, windowSeconds, keyPrefix, redis, onFallback }: BudgetOptions): Budget {
  const memoryOptions = { points, duration: windowSeconds, keyPrefix };
  const memory = redis && onFallback ? new CountedFallback(memoryOptions, onFallback) : new RateLimiterMemory(memoryOptions);
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        points,
        duration: windowSeconds,
        keyPrefix,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      })
    : memory;
  return {
    async consume(identity) {
      try {
        return decision(points, await limiter.consume(identity));
      } catch (refused) {
        if (refused instanceof RateLimiterRes) return decision(points, refused);
        throw refused;
      }
    },
    async giveBack(identity) {
      try {
        await limiter.reward(identity, 1);
      } catch {
        // Redis failed the call: the point stays spent until the window resets.
      }
    },
  };
}
