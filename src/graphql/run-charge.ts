import { rateLimitHeaders } from "../limits/interface.js";
import { refusal } from "../limits/request-budgets.js";
import type { GraphQLContext } from "./context.js";

/**
 * Budgets count requests, but one GraphQL request can hold many aliased runs. The request's own
 * charge covers its first run; each further run is charged to the key and its account like a
 * request of its own, and refused with RATE_LIMITED once either budget is spent.
 */
export async function chargeRun(ctx: GraphQLContext): Promise<void> {
  ctx.runs += 1;
  const principal = ctx.caller.key;
  if (ctx.runs === 1 || !principal) return;
  const decision = await ctx.services.limits.requests.charge(principal);
  ctx.reply.headers(rateLimitHeaders(decision));
  if (!decision.allowed) throw refusal(decision);
}
