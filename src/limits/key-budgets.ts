import type { Redis } from "ioredis";
import { SCOPES, requestsPerMinute, type Scope } from "../domain/scopes.js";
import { createBudget } from "./budget.js";
import type { Budget, BudgetDecision } from "./interface.js";

/**
 * Per-key budgets by effective scope, from the scope table. One counter per key whatever its
 * scope (in Redis and in process alike), each request judged against its scope's limit, so a
 * key whose scope changes keeps what it has already spent in the window.
 */
export class KeyBudgets {
  private readonly budget: Budget;

  constructor(options: { redis?: Redis | undefined; prefix: string }) {
    const points = Math.max(...SCOPES.map(requestsPerMinute));
    this.budget = createBudget({ points, windowSeconds: 60, keyPrefix: `${options.prefix}budget`, redis: options.redis });
  }

  consume(keyId: string, scope: Scope): Promise<BudgetDecision> {
    return this.budget.consume(keyId, requestsPerMinute(scope));
  }
}
