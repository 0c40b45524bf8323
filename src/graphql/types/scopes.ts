import { SCOPES, SCOPE_TABLE, lowestTierFor, type Scope } from "../../domain/scopes.js";
import { TierEnum } from "./account.js";
import { builder } from "../builder.js";
import { ScopeEnum } from "./keys.js";
import { holdsAtMost } from "../cost-declarations.js";

/** One row of the scope table, for clients such as the settings page's scope picker. */
const ScopeInfoRef = builder.objectRef<Scope>("ScopeInfo").implement({
  description: "A key scope as the scope table defines it.",
  fields: (t) => ({
    scope: t.field({ type: ScopeEnum, resolve: (scope) => scope }),
    description: t.string({ resolve: (scope) => SCOPE_TABLE[scope].description }),
    requestsPerMinute: t.int({ resolve: (scope) => SCOPE_TABLE[scope].requestsPerMinute }),
    lowestTier: t.field({
      type: TierEnum,
      description: "The lowest plan whose accounts may give their own keys this scope.",
      resolve: (scope) => lowestTierFor(scope),
    }),
  }),
});

builder.queryField("scopes", (t) =>
  t.field({
    ...holdsAtMost(SCOPES.length),
    type: [ScopeInfoRef],
    description: "Every key scope, lowest first, with what it allows and its rate limit. Needs no authentication.",
    resolve: () => [...SCOPES],
  }),
);
