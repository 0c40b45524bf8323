import { setImmediate as nextTurn } from "node:timers/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { KeyVerification } from "../auth/key-verifier.js";
import type { Caller } from "../domain/principal.js";
import { SESSION_COOKIE } from "../auth/sessions.js";
import { KnoudsError } from "../domain/errors.js";
import { isWellFormedKey } from "../domain/keys.js";
import { rateLimitHeaders, wholeSeconds } from "../limits/interface.js";
import { refusal } from "../limits/request-budgets.js";
import type { Services } from "../services.js";
import { sendError } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    caller: Caller;
    /** True when an `x-api-key` header was sent but did not verify. */
    keyRejected: boolean;
    /** The code of the first refusal or error this request met, for its usage outcome. */
    refusal: string | undefined;
  }
}

const RATE_LIMIT_HEADERS = ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"];

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `x-api-key` and the session cookie -> request.caller. An address that keeps sending keys
 * that do not verify is blocked for the rest of its window: then only keys this instance
 * has already verified get through, and nothing reaches the store.
 */
async function resolveCaller(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<void> {
  const apiKey = headerValue(request, "x-api-key");
  const sessionToken = request.cookies[SESSION_COOKIE];
  const { failedAuth } = services.limits;
  let key: Promise<KeyVerification> | KeyVerification | null = null;
  // A malformed key fails its checksum without a store lookup, so it costs nothing to refuse:
  // it is never counted against the address, and a blocked address still gets 401 for it.
  const wellFormed = apiKey !== undefined && isWellFormedKey(apiKey);
  if (wellFormed) {
    const blockedMs = failedAuth.blockedFor(request.ip);
    const source = { address: request.ip, userAgent: request.headers["user-agent"] };
    if (blockedMs > 0) {
      key = services.verifier.verifyFromCache(apiKey, source) ?? null;
      if (key?.outcome !== "VALID") {
        // The address's own budget of failed checks is what ran out; its headers say so.
        reply.headers(rateLimitHeaders({ allowed: false, limit: failedAuth.limit, remaining: 0, resetMs: blockedMs }));
        throw KnoudsError.rateLimited(failedAuth.limit, wholeSeconds(blockedMs));
      }
    } else {
      key = services.verifier.verify(apiKey, source);
    }
  }
  const [verification, session] = await Promise.all([
    key,
    sessionToken === undefined ? null : services.sessions.resolve(sessionToken),
  ]);
  if (verification?.outcome === "EXPIRED") services.expiredKeys.notice(verification);
  const principal = verification?.outcome === "VALID" ? verification.principal : null;
  request.caller = { key: principal, session };
  request.keyRejected = apiKey !== undefined && principal === null;
  if (request.keyRejected && wellFormed) await failedAuth.recordFailure(request.ip);
}

/**
 * Identifies the caller and charges a key-authenticated request to the key's and the account's
 * budgets (never throws for bad input; throws RATE_LIMITED past either). The RateLimit headers
 * describe the budget that refused, or the one closest to running out.
 */
async function identifyCaller(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<void> {
  services.noticeChangesElsewhere();
  const revocationsBefore = services.verifier.revocations;
  await resolveCaller(request, reply, services);
  const principal = request.caller.key;
  if (!principal) return;
  const decision = await services.limits.requests.charge(principal);
  reply.headers(rateLimitHeaders(decision));
  if (!decision.allowed) throw refusal(decision);
  if (services.config.redisUrl === undefined) return;
  // Another instance's revocation reached Redis before this request did, so Redis wrote it to
  // our subscriber socket before it answered the budget call above. Let the event loop deliver
  // it, and if anything was revoked meanwhile, verify again.
  await nextTurn();
  if (services.verifier.revocations === revocationsBefore) return;
  await resolveCaller(request, reply, services);
  if (!request.caller.key) for (const name of RATE_LIMIT_HEADERS) reply.removeHeader(name);
}

/**
 * identifyCaller as a Fastify hook: a refusal (RATE_LIMITED) is sent from here, not thrown
 * through Fastify's error path, which costs more than the check.
 */
export async function identifyCallerOrRefuse(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Promise<FastifyReply | undefined> {
  try {
    await identifyCaller(request, reply, services);
    return undefined;
  } catch (error) {
    return sendError(error, request, reply);
  }
}
