/** The rate-limiting port: a fixed-window budget of requests per identity. */
export interface BudgetDecision {
  allowed: boolean;
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window after this one (0 when refused). */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface Budget {
  /** Counts one request for `identity`; atomic across every instance sharing the store. */
  consume(identity: string): Promise<BudgetDecision>;
}
