/**
 * Field-level limits on the GraphQL fields abuse goes for (sign-up, sign-in, createApiKey,
 * rollApiKey), with graphql-rate-limit. One field may be counted under several named limits
 * (sign-in: per address across all emails, and per address and email). Its algorithm reads a
 * list of timestamps, then writes it back, so
 * two concurrent calls can both see room: calls for the same identity are queued one after
 * another in this process, which makes the limit exact on one instance. Across instances the
 * timestamps are shared through Redis, but a burst hitting several instances in the same
 * millisecond may let one extra call per instance through — acceptable for abuse throttling.
 * The per-key request budget, which must be exact everywhere, is RequestBudgets instead.
 */
import type { Redis } from "ioredis";
import { getFieldIdentity, getGraphQLRateLimiter, type Identity, type Store } from "graphql-rate-limit";
import type { GraphQLResolveInfo } from "graphql";
import { LRUCache } from "lru-cache";
import { KnoudsError } from "../domain/errors.js";
import { SerialQueues } from "../lib/serial-queues.js";

interface FieldRule {
  max: number;
  windowMs: number;
  /** Who the limit is counted for. */
  per: "address" | "account";
  /** Argument paths that split the count further (sign-in: per email too). */
  identityArgs?: string[];
}

const MINUTE = 60_000;

export const FIELD_LIMITS = {
  signUp: { max: 30, windowMs: 10 * MINUTE, per: "address" },
  /** Every sign-in from one address, whatever the email: spraying many emails costs one budget. */
  signInFromAddress: { max: 30, windowMs: MINUTE, per: "address" },
  signIn: { max: 10, windowMs: MINUTE, per: "address", identityArgs: ["input.email"] },
  createApiKey: { max: 60, windowMs: MINUTE, per: "account" },
  rollApiKey: { max: 60, windowMs: MINUTE, per: "account" },
} as const satisfies Record<string, FieldRule>;

export type LimitedField = keyof typeof FIELD_LIMITS;

function storeKey(identity: Identity): string {
  return `${identity.contextIdentity}:${identity.fieldIdentity}`;
}

/** Timestamps in Redis when it answers, and always in a bounded in-process copy as the fallback. */
class TimestampStore implements Store {
  private readonly local = new LRUCache<string, readonly number[]>({ max: 100_000, ttl: 10 * MINUTE });

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
    private readonly onFallback: () => void,
  ) {}

  async getForIdentity(identity: Identity): Promise<readonly number[]> {
    if (this.redis?.status === "ready") {
      try {
        const stored = await this.redis.get(this.prefix + storeKey(identity));
        if (stored !== null) return JSON.parse(stored) as number[];
        return [];
      } catch {
        // fall through to the local copy
      }
    }
    if (this.redis) this.onFallback();
    return this.local.get(storeKey(identity)) ?? [];
  }

  async setForIdentity(identity: Identity, timestamps: readonly number[], windowMs = 10 * MINUTE): Promise<void> {
    this.local.set(storeKey(identity), timestamps, { ttl: windowMs });
    if (this.redis?.status !== "ready") return;
    try {
      await this.redis.set(this.prefix + storeKey(identity), JSON.stringify(timestamps), "PX", windowMs);
    } catch {
      // the local copy holds it until Redis is back
    }
  }

  /** Milliseconds until the oldest counted call leaves the window. */
  async retryAfterMs(identity: Identity, windowMs: number): Promise<number> {
    const timestamps = await this.getForIdentity(identity);
    const oldest = Math.min(...timestamps.filter((t) => t + windowMs > Date.now()));
    return Number.isFinite(oldest) ? oldest + windowMs - Date.now() : windowMs;
  }
}

export interface FieldCall {
  /** The limit to count under (a FIELD_LIMITS name). */
  field: LimitedField;
  args: Record<string, unknown>;
  info: GraphQLResolveInfo;
  clientAddress: string;
  accountId?: string | undefined;
}

export class FieldLimits {
  private readonly store: TimestampStore;
  private readonly limiter: ReturnType<typeof getGraphQLRateLimiter>;
  private readonly queues = new SerialQueues();

  constructor(options: { redis?: Redis | undefined; prefix: string; onFallback?: ((budget: string) => void) | undefined }) {
    this.store = new TimestampStore(options.redis, `${options.prefix}field:`, () => options.onFallback?.("fields"));
    this.limiter = getGraphQLRateLimiter({
      store: this.store,
      identifyContext: (context: { identity: string }) => context.identity,
    });
  }

  /** Throws RATE_LIMITED (with limit and retryAfter seconds) when the caller used up the field's allowance. */
  async check(call: FieldCall): Promise<void> {
    const rule: FieldRule = FIELD_LIMITS[call.field];
    // Named after the limit, not the field: one field may be counted under several limits.
    const identity = `${call.field}:${rule.per === "account" ? `account:${call.accountId ?? "anonymous"}` : `address:${call.clientAddress}`}`;
    const fieldIdentity = getFieldIdentity(call.info.fieldName, rule.identityArgs ?? [], call.args);
    const refused = await this.queues.run(`${identity}:${fieldIdentity}`, () =>
      this.limiter(
        { parent: undefined, args: call.args, context: { identity }, info: call.info },
        // graphql-rate-limit parses `window` with `ms`, which reads a bare number as milliseconds.
        { max: rule.max, window: String(rule.windowMs), identityArgs: rule.identityArgs, uncountRejected: true },
      ),
    );
    if (refused === undefined) return;
    const waitMs = await this.store.retryAfterMs({ contextIdentity: identity, fieldIdentity }, rule.windowMs);
    throw KnoudsError.rateLimited(rule.max, Math.max(1, Math.ceil(waitMs / 1000)));
  }

}
