import type { Redis } from "ioredis";
import { SCOPES, requestsPerMinute, type Scope } from "../domain/scopes.js";
import { createBudget } from "./budget.js";
import type { Budget, BudgetDecision } from "./interface.js";

/**
 * Per-key budgets by effective scope, from the scope table. The three scopes share one
 * counter per key, so a key whose scope changes keeps what it has already spent.
 */
export class KeyBudgets {
  private readonly byScope: Record<Scope, Budget>;

  constructor(options: { redis?: Redis | undefined; prefix: string }) {
    const keyPrefix = `${options.prefix}budget`;
    this.byScope = Object.fromEntries(
      SCOPES.map((scope) => [
        scope,
        createBudget({ points: requestsPerMinute(scope), windowSeconds: 60, keyPrefix, redis: options.redis }),
      ]),
    ) as Record<Scope, Budget>;
  }

  consume(keyId: string, scope: Scope): Promise<BudgetDecision> {
    return this.byScope[scope].consume(keyId);
  }
}
