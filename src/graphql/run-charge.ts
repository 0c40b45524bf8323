import { rateLimitHeaders } from "../limits/interface.js";
import { refusal } from "../limits/request-budgets.js";
import type { GraphQLContext } from "./context.js";

/**
 * Budgets count requests, but one GraphQL request can hold many aliased runs. The request's own
 * charge covers its first run; each further run is charged like a request of its own — to the
 * key and its account, or, made in the browser (a session, no key), to the account's session
 * budget — and refused with RATE_LIMITED once a budget is spent.
 */
export async function chargeRun(ctx: GraphQLContext): Promise<void> {
  ctx.runs += 1;
  if (ctx.runs === 1) return;
  const principal = ctx.caller.key;
  const session = ctx.caller.session;
  if (!principal && !session) return;
  const { requests } = ctx.services.limits;
  const decision = await (principal ? requests.charge(principal) : requests.chargeSession(session!.account));
  ctx.reply.headers(rateLimitHeaders(decision));
  if (!decision.allowed) throw refusal(decision);
}
