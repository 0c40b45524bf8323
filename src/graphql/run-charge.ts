import { KnoudsError } from "../domain/errors.js";
import { wholeSeconds } from "../limits/interface.js";
import type { GraphQLContext } from "./context.js";

/**
 * Budgets count requests, but one GraphQL request can hold many aliased runs. The request's own
 * charge covers its first run; each further run is charged to the key like a request of its
 * own, and refused with RATE_LIMITED once the budget is spent.
 */
export async function chargeRun(ctx: GraphQLContext): Promise<void> {
  ctx.runs += 1;
  const principal = ctx.caller.key;
  if (ctx.runs === 1 || !principal) return;
  const decision = await ctx.services.limits.keys.consume(principal.key.id, principal.scope);
  ctx.reply.header("ratelimit-remaining", decision.remaining);
  if (!decision.allowed) throw KnoudsError.rateLimited(decision.limit, wholeSeconds(decision.resetMs));
}
