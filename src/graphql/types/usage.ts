import { KnoudsError } from "../../domain/errors.js";
import { USAGE_BUCKETS_KEPT, type UsageBucket, type UsagePeriod } from "../../domain/usage.js";
import { builder } from "../builder.js";
import { holdsAtMost } from "../cost-declarations.js";
import { ApiKeyRef } from "./keys.js";

const UsageBucketRef = builder.objectRef<UsageBucket>("UsageBucket").implement({
  description: "Requests made with a key in one hour or one day (UTC), by outcome.",
  fields: (t) => ({
    start: t.field({ type: "DateTime", description: "The first moment of the hour or day.", resolve: (b) => b.start }),
    ok: t.exposeInt("ok"),
    scopeDenied: t.exposeInt("scopeDenied", { description: "Refused with SCOPE_DENIED (403)." }),
    rateLimited: t.exposeInt("rateLimited", { description: "Refused with RATE_LIMITED (429)." }),
    otherErrors: t.exposeInt("otherErrors", { description: "Any other error: not found, bad input, server errors." }),
    total: t.int({ resolve: (b) => b.ok + b.scopeDenied + b.rateLimited + b.otherErrors }),
  }),
});

const ApiKeyUsageRef = builder.objectRef<{ keyId: string }>("ApiKeyUsage").implement({
  description: "A key's requests by outcome. Counted in memory and written every few seconds (KNOUDS_EVENTS_FLUSH_MS).",
  fields: (t) => {
    const series = (period: UsagePeriod, description: string) =>
      t.field({
        ...holdsAtMost(USAGE_BUCKETS_KEPT[period]),
        type: [UsageBucketRef],
        description,
        resolve: (u, _args, ctx) => ctx.services.usage.series(u.keyId, period),
      });
    return {
      hourly: series("hour", "The last 48 hours, oldest first, the current hour last."),
      daily: series("day", "The last 90 days, oldest first, today last."),
    };
  },
});

builder.objectField(ApiKeyRef, "usage", (t) =>
  t.field({
    type: ApiKeyUsageRef,
    description: "Requests made with this key, hourly and daily, by outcome. Its owner or a platform admin only.",
    authScopes: { signedIn: true },
    // Every path to an ApiKey already limits it to the session's own keys (or a platform
    // admin's); this is the backstop, in the rule's own words.
    resolve: (key, _args, ctx) => {
      const session = ctx.caller.session!;
      if (session.account.id !== key.accountId && !session.account.isPlatformAdmin)
        throw KnoudsError.forbidden("Only the key's owner or a platform admin can read its usage");
      return { keyId: key.id };
    },
  }),
);
