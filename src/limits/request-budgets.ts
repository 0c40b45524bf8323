/**
 * The two budgets every key-authenticated request is charged to (docs/limits.md#per-key-budget, #account-budget): the key's own,
 * by its effective scope, and its account's, a multiple of the tier's per-key limit, shared by
 * all the account's keys. Both are fixed one-minute windows, exact under any concurrency: with
 * Redis, one Lua script counts both in one round trip, atomically, on every instance alike;
 * without it (or while it is away) in-process counters count them synchronously.
 *
 * The key's counter counts every request (so a key whose scope changes keeps what it spent);
 * the account's counts only requests its key's budget let through, so one runaway key that is
 * already refused does not eat the allowance of the account's other keys.
 *
 * A request made with a browser session and no key is charged instead to the account's session
 * budget (per tier, in the scope table), counted the same way in one round trip.
 */
import type { Redis } from "ioredis";
import type { KeyPrincipal } from "../domain/principal.js";
import { KnoudsError } from "../domain/errors.js";
import type { Account } from "../domain/account.js";
import { accountRequestsPerMinute, requestsPerMinute, sessionRequestsPerMinute } from "../domain/scopes.js";
import { wholeSeconds, type BudgetDecision } from "./interface.js";
import { WindowCounters } from "./window-counters.js";

const WINDOW_MS = 60_000;

/** Which budget a decision describes: the one that refused, or the one closest to running out. */
export interface RequestDecision extends BudgetDecision {
  budget: "key" | "account" | "session";
}

const COUNT_FUNCTION = `
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
`;

const CHARGE_SCRIPT = `${COUNT_FUNCTION}
local windowMs = tonumber(ARGV[1])
local keyCount, keyTtl = count(KEYS[1], windowMs)
if keyCount > tonumber(ARGV[2]) then
  return {keyCount, keyTtl, 0, 0}
end
local accountCount, accountTtl = count(KEYS[2], windowMs)
return {keyCount, keyTtl, accountCount, accountTtl}
`;

const CHARGE_SESSION_SCRIPT = `${COUNT_FUNCTION}
local n, ttl = count(KEYS[1], tonumber(ARGV[1]))
return {n, ttl}
`;

interface ChargingRedis {
  knoudsChargeRequest(keyCounter: string, accountCounter: string, windowMs: number, keyLimit: number): Promise<[number, number, number, number]>;
  knoudsChargeSession(sessionCounter: string, windowMs: number): Promise<[number, number]>;
}

function judged(budget: RequestDecision["budget"], limit: number, count: number, resetMs: number): RequestDecision {
  const allowed = count <= limit;
  return { allowed, limit, remaining: allowed ? limit - count : 0, resetMs: Math.max(resetMs, 0), budget };
}

/** The refusing budget, else the one with fewer requests left (the key's on a tie). */
function combined(key: RequestDecision, account: RequestDecision | null): RequestDecision {
  if (!key.allowed || account === null) return key;
  return account.allowed && key.remaining <= account.remaining ? key : account;
}

export class RequestBudgets {
  private readonly keys = new WindowCounters(WINDOW_MS);
  private readonly accounts = new WindowCounters(WINDOW_MS);
  private readonly sessions = new WindowCounters(WINDOW_MS);
  private readonly redis: (Redis & ChargingRedis) | undefined;
  private readonly keyPrefix: string;
  private readonly accountPrefix: string;
  private readonly sessionPrefix: string;
  private readonly onFallback: (budget: string) => void;

  /** `onFallback` hears of each request counted in process although Redis is configured. */
  constructor(options: { redis?: Redis | undefined; prefix: string; onFallback?: ((budget: string) => void) | undefined }) {
    this.onFallback = options.onFallback ?? (() => {});
    this.keyPrefix = `${options.prefix}budget:`;
    this.accountPrefix = `${options.prefix}account-budget:`;
    this.sessionPrefix = `${options.prefix}session-budget:`;
    if (options.redis) {
      options.redis.defineCommand("knoudsChargeRequest", { numberOfKeys: 2, lua: CHARGE_SCRIPT });
      options.redis.defineCommand("knoudsChargeSession", { numberOfKeys: 1, lua: CHARGE_SESSION_SCRIPT });
      this.redis = options.redis as Redis & ChargingRedis;
    }
  }

  /** Counts one request of `principal`'s key against both budgets. */
  charge(principal: KeyPrincipal): RequestDecision | Promise<RequestDecision> {
    const keyLimit = requestsPerMinute(principal.scope);
    const accountLimit = accountRequestsPerMinute(principal.account.tier, principal.scope);
    if (this.redis?.status === "ready") return this.chargeInRedis(principal, keyLimit, accountLimit);
    if (this.redis) this.onFallback("requests");
    return this.chargeHere(principal, keyLimit, accountLimit);
  }

  private async chargeInRedis(principal: KeyPrincipal, keyLimit: number, accountLimit: number): Promise<RequestDecision> {
    try {
      const [keyCount, keyTtl, accountCount, accountTtl] = await this.redis!.knoudsChargeRequest(
        this.keyPrefix + principal.key.id,
        this.accountPrefix + principal.account.id,
        WINDOW_MS,
        keyLimit,
      );
      const key = judged("key", keyLimit, keyCount, keyTtl);
      return combined(key, key.allowed ? judged("account", accountLimit, accountCount, accountTtl) : null);
    } catch {
      // Redis failed this call: count in process, as while it is away.
      this.onFallback("requests");
      return this.chargeHere(principal, keyLimit, accountLimit);
    }
  }

  /**
   * Counts one request made with a browser session of `account` (and no key) against the
   * account's session budget, shared by all its sessions on every instance.
   */
  chargeSession(account: Account): RequestDecision | Promise<RequestDecision> {
    const limit = sessionRequestsPerMinute(account.tier);
    if (this.redis?.status === "ready") return this.chargeSessionInRedis(account.id, limit);
    return this.chargeSessionHere(account.id, limit);
  }

  private async chargeSessionInRedis(accountId: string, limit: number): Promise<RequestDecision> {
    try {
      const [count, ttl] = await this.redis!.knoudsChargeSession(this.sessionPrefix + accountId, WINDOW_MS);
      return judged("session", limit, count, ttl);
    } catch {
      return this.chargeSessionHere(accountId, limit);
    }
  }

  private chargeSessionHere(accountId: string, limit: number): RequestDecision {
    const count = this.sessions.hit(accountId, Date.now());
    return judged("session", limit, count.count, count.resetMs);
  }

  private chargeHere(principal: KeyPrincipal, keyLimit: number, accountLimit: number): RequestDecision {
    const now = Date.now();
    const keyCount = this.keys.hit(principal.key.id, now);
    const key = judged("key", keyLimit, keyCount.count, keyCount.resetMs);
    if (!key.allowed) return key;
    const accountCount = this.accounts.hit(principal.account.id, now);
    return combined(key, judged("account", accountLimit, accountCount.count, accountCount.resetMs));
  }
}

/** The RATE_LIMITED refusal for a decision that was not allowed. */
export function refusal(decision: RequestDecision): KnoudsError {
  return KnoudsError.rateLimited(decision.limit, wholeSeconds(decision.resetMs), decision.budget === "account" ? "account" : undefined);
}
