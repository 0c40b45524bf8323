/**
 * The two budgets every key-authenticated request is charged to (SPEC §5 and §9): the key's own,
 * by its effective scope, and its account's, a multiple of the tier's per-key limit, shared by
 * all the account's keys. Both are fixed one-minute windows, exact under any concurrency: with
 * Redis, one Lua script counts both in one round trip, atomically, on every instance alike;
 * without it (or while it is away) the in-process budgets count them.
 *
 * The key's counter counts every request (so a key whose scope changes keeps what it spent);
 * the account's counts only requests its key's budget let through, so one runaway key that is
 * already refused does not eat the allowance of the account's other keys.
 */
import type { Redis } from "ioredis";
import type { KeyPrincipal } from "../auth/principal.js";
import { KnoudsError } from "../domain/errors.js";
import { SCOPES, TIERS, accountRequestsPerMinute, requestsPerMinute } from "../domain/scopes.js";
import { createBudget } from "./budget.js";
import { wholeSeconds, type Budget, type BudgetDecision } from "./interface.js";

const WINDOW_SECONDS = 60;

/** Which budget a decision describes: the one that refused, or the one closest to running out. */
export interface RequestDecision extends BudgetDecision {
  budget: "key" | "account";
}

const CHARGE_SCRIPT = `
local function count(name, windowMs)
  local n = redis.call('INCR', name)
  local ttl = windowMs
  if n == 1 then
    redis.call('PEXPIRE', name, windowMs)
  else
    ttl = redis.call('PTTL', name)
    if ttl < 0 then
      redis.call('PEXPIRE', name, windowMs)
      ttl = windowMs
    end
  end
  return n, ttl
end
local windowMs = tonumber(ARGV[1])
local keyCount, keyTtl = count(KEYS[1], windowMs)
if keyCount > tonumber(ARGV[2]) then
  return {keyCount, keyTtl, 0, 0}
end
local accountCount, accountTtl = count(KEYS[2], windowMs)
return {keyCount, keyTtl, accountCount, accountTtl}
`;

interface ChargingRedis {
  knoudsChargeRequest(keyCounter: string, accountCounter: string, windowMs: number, keyLimit: number): Promise<[number, number, number, number]>;
}

function judged(limit: number, count: number, resetMs: number): BudgetDecision {
  const allowed = count <= limit;
  return { allowed, limit, remaining: allowed ? limit - count : 0, resetMs: Math.max(resetMs, 0) };
}

/** The refusing budget, else the one with fewer requests left (the key's on a tie). */
function combined(key: BudgetDecision, account: BudgetDecision | null): RequestDecision {
  if (!key.allowed || account === null) return { ...key, budget: "key" };
  if (account.allowed && key.remaining <= account.remaining) return { ...key, budget: "key" };
  return { ...account, budget: "account" };
}

export class RequestBudgets {
  private readonly keys: Budget;
  private readonly accounts: Budget;
  private readonly redis: (Redis & ChargingRedis) | undefined;
  private readonly keyPrefix: string;
  private readonly accountPrefix: string;

  constructor(options: { redis?: Redis | undefined; prefix: string }) {
    this.keyPrefix = `${options.prefix}budget:`;
    this.accountPrefix = `${options.prefix}account-budget:`;
    const most = Math.max(...SCOPES.map(requestsPerMinute));
    const mostPerAccount = Math.max(...TIERS.flatMap((tier) => SCOPES.map((scope) => accountRequestsPerMinute(tier, scope))));
    this.keys = createBudget({ points: most, windowSeconds: WINDOW_SECONDS, keyPrefix: "budget" });
    this.accounts = createBudget({ points: mostPerAccount, windowSeconds: WINDOW_SECONDS, keyPrefix: "account-budget" });
    if (options.redis) {
      options.redis.defineCommand("knoudsChargeRequest", { numberOfKeys: 2, lua: CHARGE_SCRIPT });
      this.redis = options.redis as Redis & ChargingRedis;
    }
  }

  /** Counts one request of `principal`'s key against both budgets. */
  async charge(principal: KeyPrincipal): Promise<RequestDecision> {
    const keyLimit = requestsPerMinute(principal.scope);
    const accountLimit = accountRequestsPerMinute(principal.account.tier, principal.scope);
    if (this.redis?.status === "ready") {
      try {
        const [keyCount, keyTtl, accountCount, accountTtl] = await this.redis.knoudsChargeRequest(
          this.keyPrefix + principal.key.id,
          this.accountPrefix + principal.account.id,
          WINDOW_SECONDS * 1000,
          keyLimit,
        );
        const key = judged(keyLimit, keyCount, keyTtl);
        return combined(key, key.allowed ? judged(accountLimit, accountCount, accountTtl) : null);
      } catch {
        // Redis failed this call: count in process, as while it is away.
      }
    }
    const key = await this.keys.consume(principal.key.id, keyLimit);
    return combined(key, key.allowed ? await this.accounts.consume(principal.account.id, accountLimit) : null);
  }
}

/** The RATE_LIMITED refusal for a decision that was not allowed. */
export function refusal(decision: RequestDecision): KnoudsError {
  return KnoudsError.rateLimited(decision.limit, wholeSeconds(decision.resetMs), decision.budget === "account" ? "account" : undefined);
}
