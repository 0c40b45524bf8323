import type { FastifyReply } from "fastify";
import { actorOf, type Actor, type Caller } from "../domain/principal.js";
import { RequestWork } from "../domain/request-work.js";
import type { Services } from "../services.js";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The most bytes this request's GraphQL answer may have: its cost in bytes plus the JSON
     * budget, set when the cost is checked (query-cost.ts); undefined when nothing was executed.
     */
    answerBytesAllowed: number | undefined;
  }
}

export interface GraphQLContext {
  caller: Caller;
  services: Services;
  /** The HTTP reply, for the session cookie set by sign-in and sign-out. */
  reply: FastifyReply;
  /** The client's address (behind a trusted proxy: from X-Forwarded-For), for field limits. */
  clientAddress: string;
  /** Runs started by this request so far (see run-charge.ts). */
  runs: number;
  /** Bytes of stored JSON answered so far (see answer-budget.ts). */
  answerJsonBytes: number;
  /** What this request has made the server do so far; made when first charged (see requestWork). */
  work?: RequestWork;
}

/** The request's work allowance (domain/request-work.ts), shared by every field of the request. */
export function requestWork(ctx: GraphQLContext): RequestWork {
  ctx.work ??= new RequestWork();
  return ctx.work;
}

/**
 * Who acts in a field whose rule (signedInOr) has passed: the request's key, else its
 * browser session. The key's own principal is returned as it is (nothing made on the key path).
 */
export function actor(ctx: GraphQLContext): Actor {
  const found = actorOf(ctx.caller);
  if (!found) throw new Error("actor() in a field without an auth rule");
  return found;
}
