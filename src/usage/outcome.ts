import type { UsageOutcome } from "../domain/usage.js";

/**
 * What became of a request, from its status and the code of the first refusal it met (a
 * GraphQL answer is 200 with its refusal in `errors`): SCOPE_DENIED and RATE_LIMITED are
 * their own outcomes, any other refusal or error status is "other errors".
 */
export function usageOutcome(status: number, refusal: string | undefined): UsageOutcome {
  if (refusal === "SCOPE_DENIED") return "scopeDenied";
  if (refusal === "RATE_LIMITED" || status === 429) return "rateLimited";
  if (refusal !== undefined || status >= 400) return "otherErrors";
  return "ok";
}
