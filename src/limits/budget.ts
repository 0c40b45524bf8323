/**
 * A Budget (interface.ts) for one kind of identity: a fixed window of `points` per identity,
 * counted by FixedWindows (fixed-windows.ts), the one engine behind every limit.
 */
import type { Redis } from "ioredis";
import { FixedWindows } from "./fixed-windows.js";
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

export function createBudget({ points, windowSeconds, keyPrefix, redis, onFallback }: BudgetOptions): Budget {
  const windows = new FixedWindows({ windowMs: windowSeconds * 1000, redis, onFallback });
  const counter = (identity: string) => `${keyPrefix}:${identity}`;
  return {
    async consume(identity): Promise<BudgetDecision> {
      const [counted] = await windows.charge([{ name: counter(identity), limit: points }]);
      const { count, resetMs } = counted!;
      const allowed = count <= points;
      return { allowed, limit: points, remaining: allowed ? points - count : 0, resetMs };
    },
    async giveBack(identity) {
      windows.giveBack(counter(identity));
    },
  };
}
