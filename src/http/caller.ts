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

/** The 429 of an address whose budget of failed key checks is spent; its headers say so. */
function failedAuthRefusal(reply: FastifyReply, limit: number, resetMs: number): KnoudsError {
  reply.headers(rateLimitHeaders({ allowed: false, limit, remaining: 0, resetMs }));
  return KnoudsError.rateLimited(limit, wholeSeconds(resetMs));
}

/**
 * Store lookups under way, per server, by key value (held only while a lookup runs): requests
 * that bring a key the first request is still checking wait for its answer instead of each
 * claiming a failed check. A team's client starting with 10 parallel requests on each of 12
 * new keys claimed 120 at once and had its address blocked for a minute, valid keys and all.
 */
const lookupsUnderWay = new WeakMap<Services, Map<string, Promise<KeyVerification>>>();

/**
 * A well-formed `x-api-key` -> its verification. A valid key this instance verified recently
 * is answered from the cache, with no round trip; one being looked up already is answered with
 * that lookup's result when valid. Any other answer first claims one failed check from the
 * address's budget — before the store lookup, given back if the key turns out valid — so
 * exactly the limit of failures from one address is answered 401, and reaches the store at most
 * that often, however many arrive at once; the rest are 429.
 */
async function verifyWellFormed(
  apiKey: string,
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Promise<KeyVerification> {
  const source = { address: request.ip, userAgent: request.headers["user-agent"] };
  const cached = services.verifier.verifyFromCache(apiKey, source);
  if (cached?.outcome === "VALID") return cached;
  let underWay = lookupsUnderWay.get(services);
  if (underWay === undefined) {
    underWay = new Map();
    lookupsUnderWay.set(services, underWay);
  }
  const first = underWay.get(apiKey);
  if (first) {
    const answer = await first.catch(() => null);
    // Valid: no failure to count (and this request's use is recorded). Otherwise this request
    // claims its own failed check, as if it had come alone.
    if (answer?.outcome === "VALID") return services.verifier.verifyFromCache(apiKey, source) ?? answer;
    return lookUp(apiKey, cached, source, reply, services);
  }
  const lookup = lookUp(apiKey, cached, source, reply, services);
  underWay.set(apiKey, lookup);
  const done = () => underWay.delete(apiKey);
  lookup.then(done, done);
  return lookup;
}

async function lookUp(
  apiKey: string,
  cached: KeyVerification | undefined,
  source: { address: string; userAgent: string | undefined },
  reply: FastifyReply,
  services: Services,
): Promise<KeyVerification> {
  const { failedAuth } = services.limits;
  const blockedMs = failedAuth.blockedFor(source.address);
  if (blockedMs > 0) throw failedAuthRefusal(reply, failedAuth.limit, blockedMs);
  const reservation = await failedAuth.reserve(source.address);
  if (!reservation.decision.allowed) throw failedAuthRefusal(reply, failedAuth.limit, reservation.decision.resetMs);
  if (cached !== undefined) return cached;
  const verification = await services.verifier.verify(apiKey, source);
  if (verification.outcome === "VALID") failedAuth.release(source.address, reservation);
  return verification;
}

/**
 * `x-api-key` and the session cookie -> request.caller. An address that keeps sending keys
 * that do not verify is blocked for the rest of its window: then only keys this instance
 * has already verified get through, and nothing reaches the store or Redis.
 */
async function resolveCaller(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<void> {
  const apiKey = headerValue(request, "x-api-key");
  const sessionToken = request.cookies[SESSION_COOKIE];
  // A malformed key fails its checksum without a store lookup, so it costs nothing to refuse:
  // it is never counted against the address, and a blocked address still gets 401 for it.
  const wellFormed = apiKey !== undefined && isWellFormedKey(apiKey);
  const [verification, session] = await Promise.all([
    wellFormed ? verifyWellFormed(apiKey, request, reply, services) : null,
    sessionToken === undefined ? null : services.sessions.resolve(sessionToken),
  ]);
  if (verification?.outcome === "EXPIRED") services.expiredKeys.notice(verification);
  const principal = verification?.outcome === "VALID" ? verification.principal : null;
  request.caller = { key: principal, session };
  request.keyRejected = apiKey !== undefined && principal === null;
}

/**
 * A request with a signed-in session and no key is charged to the account's session budget.
 * With a rejected key it is not: the answer is 401 whatever the session.
 */
async function chargeSession(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<void> {
  const { session } = request.caller;
  if (!session || request.keyRejected) return;
  const decision = await services.limits.requests.chargeSession(session.account);
  reply.headers(rateLimitHeaders(decision));
  if (!decision.allowed) throw refusal(decision);
}

/**
 * Identifies the caller and charges a key-authenticated request to the key's and the account's
 * budgets, a session-authenticated one (no key) to the account's session budget (never throws
 * for bad input; throws RATE_LIMITED past any). The RateLimit headers
 * describe the budget that refused, or the one closest to running out.
 */
async function identifyCaller(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<void> {
  services.noticeChangesElsewhere();
  const revocationsBefore = services.verifier.revocations;
  await resolveCaller(request, reply, services);
  const principal = request.caller.key;
  if (!principal) {
    await chargeSession(request, reply, services);
    return;
  }
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
