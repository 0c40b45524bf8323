/**
 * The two budgets every key-authenticated request is charged to (docs/limits.md#per-key-budget, #account-budget): the key's own,
 * by its effective scope, and its account's, a multiple of the tier's per-key limit, shared by
 * all the account's keys. Both are fixed one-minute windows counted by FixedWindows, exact under
 * any concurrency: with Redis, one script counts both in one round trip, atomically, on every
 * instance alike; without it (or while it is away) in-process counters count them synchronously.
 *
 * The key's counter counts every request (so a key whose scope changes keeps what it spent);
 * the account's counts only requests its key's budget let through, so one runaway key that is
 * already refused does not eat the allowance of the account's other keys.
 *
 * A request made with a browser session and no key is charged instead to the account's session
 * budget (per tier, in the scope table), counted the same way in one round trip.
 */
import type { Redis } from "ioredis";
import type { Account } from "../domain/account.js";
import { KnoudsError } from "../domain/errors.js";
import type { KeyPrincipal } from "../domain/principal.js";
import { accountRequestsPerMinute, requestsPerMinute, sessionRequestsPerMinute } from "../domain/scopes.js";
import { FixedWindows, type Count } from "./fixed-windows.js";
import { wholeSeconds, type BudgetDecision } from "./interface.js";

const WINDOW_MS = 60_000;

/** Which budget a decision describes: the one that refused, or the one closest to running out. */
export interface RequestDecision extends BudgetDecision {
  budget: "key" | "account" | "session";
}

function judged(budget: RequestDecision["budget"], limit: number, { count, resetMs }: Count): RequestDecision {
  const allowed = count <= limit;
  return { allowed, limit, remaining: allowed ? limit - count : 0, resetMs, budget };
}

/** The refusing budget, else the one with fewer requests left (the key's on a tie). */
function combined(key: RequestDecision, account: RequestDecision | null): RequestDecision {
  if (!key.allowed || account === null) return key;
  return account.allowed && key.remaining <= account.remaining ? key : account;
}

export class RequestBudgets {
  private readonly windows: FixedWindows;
  private readonly keyPrefix: string;
  private readonly accountPrefix: string;
  private readonly sessionPrefix: string;

  /** `onFallback` hears of each request counted in process although Redis is configured. */
  constructor(options: { redis?: Redis | undefined; prefix: string; onFallback?: ((budget: string) => void) | undefined }) {
    const { onFallback } = options;
    this.windows = new FixedWindows({
      windowMs: WINDOW_MS,
      redis: options.redis,
      onFallback: onFallback && (() => onFallback("requests")),
    });
    this.keyPrefix = `${options.prefix}budget:`;
    this.accountPrefix = `${options.prefix}account-budget:`;
    this.sessionPrefix = `${options.prefix}session-budget:`;
  }

  /** Counts one request of `principal`'s key against both budgets (the account's only when the key's lets it through). */
  charge(principal: KeyPrincipal): RequestDecision | Promise<RequestDecision> {
    const keyLimit = requestsPerMinute(principal.scope);
    const accountLimit = accountRequestsPerMinute(principal.account.tier, principal.scope);
    const counts = this.windows.charge([
      { name: this.keyPrefix + principal.key.id, limit: keyLimit },
      { name: this.accountPrefix + principal.account.id, limit: accountLimit },
    ]);
    const decide = ([key, account]: Count[]) => {
      const keyDecision = judged("key", keyLimit, key!);
      return combined(keyDecision, account ? judged("account", accountLimit, account) : null);
    };
    return Array.isArray(counts) ? decide(counts) : counts.then(decide);
  }

  /**
   * Counts one request made with a browser session of `account` (and no key) against the
   * account's session budget, shared by all its sessions on every instance.
   */
  chargeSession(account: Account): RequestDecision | Promise<RequestDecision> {
    const limit = sessionRequestsPerMinute(account.tier);
    const counts = this.windows.charge([{ name: this.sessionPrefix + account.id, limit }]);
    const decide = ([session]: Count[]) => judged("session", limit, session!);
    return Array.isArray(counts) ? decide(counts) : counts.then(decide);
  }
}

/** The RATE_LIMITED refusal for a decision that was not allowed. */
export function refusal(decision: RequestDecision): KnoudsError {
  return KnoudsError.rateLimited(decision.limit, wholeSeconds(decision.resetMs), decision.budget === "account" ? "account" : undefined);
}
