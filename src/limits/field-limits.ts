/**
 * Field-level limits on the GraphQL fields abuse goes for (sign-up, sign-in, createApiKey,
 * rollApiKey), with graphql-rate-limit: it names what is counted (the field, the caller, and
 * identity arguments such as the email of a sign-in) and decides. One field may be counted
 * under several named limits (sign-in: per address across all emails, and per address and
 * email). Counting goes through the same Budget port as every other limit (budget.ts on
 * FixedWindows): graphql-rate-limit's Store is asked for "the calls so far" and answers with
 * the count of a fixed window that this very read has already added one to, atomically in
 * Redis (or in process while it is away). So the limit is exact under any concurrency, on one
 * instance or many, with no read-then-write race, and a refused call counts too (the window
 * resets whatever the caller does meanwhile).
 */
import type { GraphQLResolveInfo } from "graphql";
import { getFieldIdentity, getGraphQLRateLimiter, type Identity, type Store } from "graphql-rate-limit";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { KnoudsError } from "../domain/errors.js";
import { createBudget } from "./budget.js";
import { wholeSeconds, type Budget } from "./interface.js";

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

/**
 * graphql-rate-limit's Store over a Budget. `getForIdentity` counts the call it is asked for and
 * answers with one timestamp (now) per earlier call in the window, up to `max` of them: the
 * limiter refuses exactly when this call is over the limit. What it writes back is already
 * counted, so `setForIdentity` does nothing.
 */
class BudgetStore implements Store {
  /** When each identity's window resets, as of its latest count: the Retry-After of a refusal. */
  private readonly resets = new LRUCache<string, number>({ max: 10_000 });

  constructor(
    private readonly budget: Budget,
    private readonly max: number,
  ) {}

  async getForIdentity(identity: Identity): Promise<readonly number[]> {
    const name = `${identity.contextIdentity}:${identity.fieldIdentity}`;
    const decision = await this.budget.consume(name);
    this.resets.set(name, decision.resetMs);
    const earlier = decision.allowed ? decision.limit - decision.remaining - 1 : this.max;
    return new Array<number>(Math.min(earlier, this.max)).fill(Date.now());
  }

  async setForIdentity(): Promise<void> {}

  /** Milliseconds until `name`'s window resets, as of its latest count here. */
  resetMs(name: string, windowMs: number): number {
    return this.resets.get(name) ?? windowMs;
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

interface LimitedRule {
  rule: FieldRule;
  store: BudgetStore;
  limiter: ReturnType<typeof getGraphQLRateLimiter>;
}

export class FieldLimits {
  private readonly rules: Record<LimitedField, LimitedRule>;

  constructor(options: { redis?: Redis | undefined; prefix: string; onFallback?: ((budget: string) => void) | undefined }) {
    const { onFallback } = options;
    const limited = (field: LimitedField): LimitedRule => {
      const rule: FieldRule = FIELD_LIMITS[field];
      const budget = createBudget({
        points: rule.max,
        windowSeconds: rule.windowMs / 1000,
        keyPrefix: `${options.prefix}field:${field}`,
        redis: options.redis,
        onFallback: onFallback && (() => onFallback("fields")),
      });
      const store = new BudgetStore(budget, rule.max);
      return {
        rule,
        store,
        limiter: getGraphQLRateLimiter({ store, identifyContext: (context: { identity: string }) => context.identity }),
      };
    };
    this.rules = Object.fromEntries((Object.keys(FIELD_LIMITS) as LimitedField[]).map((field) => [field, limited(field)])) as Record<
      LimitedField,
      LimitedRule
    >;
  }

  /** Throws RATE_LIMITED (with limit and retryAfter seconds) when the caller used up the field's allowance. */
  async check(call: FieldCall): Promise<void> {
    const { rule, store, limiter } = this.rules[call.field];
    const identity = rule.per === "account" ? `account:${call.accountId ?? "anonymous"}` : `address:${call.clientAddress}`;
    const refused = await limiter(
      { parent: undefined, args: call.args, context: { identity }, info: call.info },
      // graphql-rate-limit parses `window` with `ms`, which reads a bare number as milliseconds.
      { max: rule.max, window: String(rule.windowMs), identityArgs: rule.identityArgs },
    );
    if (refused === undefined) return;
    const fieldIdentity = getFieldIdentity(call.info.fieldName, rule.identityArgs ?? [], call.args);
    throw KnoudsError.rateLimited(rule.max, wholeSeconds(store.resetMs(`${identity}:${fieldIdentity}`, rule.windowMs)));
  }
}
