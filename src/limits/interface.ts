/** The rate-limiting port: a fixed-window budget of requests per identity, and its answer. */
export interface BudgetDecision {
  allowed: boolean;
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window after this one (0 when refused). */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** Whole seconds until `ms` has passed, at least 1: for Retry-After and RateLimit-Reset. */
export function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) describing `decision`. */
export function rateLimitHeaders(decision: BudgetDecision): Record<string, number | string> {
  return {
    "ratelimit-limit": decision.limit,
    "ratelimit-remaining": decision.remaining,
    "ratelimit-reset": wholeSeconds(decision.resetMs),
    "ratelimit-policy": `${decision.limit};w=60`,
  };
}

export interface Budget {
  /**
   * Counts one request for `identity` (atomic across every instance sharing the store) and
   * allows it while the window's count is within the budget's points.
   */
  consume(identity: string): Promise<BudgetDecision>;
  /**
   * Returns one request counted for `identity` by a `consume` whose window has not reset since
   * (a reservation that turned out not to be spent); never throws.
   */
  giveBack(identity: string): Promise<void>;
}
