import SchemaBuilder from "@pothos/core";
import DirectivesPlugin from "@pothos/plugin-directives";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from "@pothos/plugin-scope-auth";
import { GraphQLError, valueFromASTUntyped } from "graphql";
import { KnoudsError, toGraphQLError } from "../domain/errors.js";
import { MAX_CURSOR_LENGTH } from "../domain/pages.js";
import { depthRefusal } from "../domain/json-depth.js";
import { SCOPES, isScope, scopeAtLeast, type Scope } from "../domain/scopes.js";
import { TIMESTAMP_RULE, parseTimestamp } from "../domain/timestamp.js";
import { AuthRules, type AuthScopes } from "./auth-rules.js";
import type { GraphQLContext } from "./context.js";
import { answersAtMost, holdsOnePage } from "./cost-declarations.js";

export { needs, platformAdminWhenGiven, signedInOr } from "./auth-rules.js";

/** The first scope-table scope a failed check wanted, if any. */
function requiredScope(failure: AuthFailure): Scope | "signedIn" | "platformAdmin" | null {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return isScope(failure.scope) || failure.scope === "signedIn" || failure.scope === "platformAdmin"
        ? (failure.scope as Scope | "signedIn" | "platformAdmin")
        : null;
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      for (const inner of failure.failures) {
        const found = requiredScope(inner);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/** Which scopes a key of each scope satisfies, worked out once rather than on every request. */
const grantsOf = (granted: (wanted: Scope) => boolean) =>
  Object.fromEntries(SCOPES.map((wanted) => [wanted, granted(wanted)])) as Record<Scope, boolean>;
const KEY_GRANTS = Object.fromEntries(SCOPES.map((held) => [held, grantsOf((wanted) => scopeAtLeast(held, wanted))])) as Record<
  Scope,
  Record<Scope, boolean>
>;
const NO_KEY_GRANTS = grantsOf(() => false);

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: number | Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  // Pothos runs field hooks last plugin first: AuthRules turns authScopes into directives,
  // then Directives puts them in the SDL, then ScopeAuth enforces the same authScopes.
  plugins: [ScopeAuthPlugin, RelayPlugin, DirectivesPlugin, AuthRules],
  // The shape @graphql-tools/utils' printer reads (keyed by directive name).
  directives: { useGraphQLToolsUnorderedDirectives: true },
  // Connections only (src/graphql/connections.ts): no global ids, so no `node`/`nodes` lookups
  // that would need their own access rules.
  relay: {
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    // What the cost reads (query-cost.ts): edges hold the page asked for, cursors are ASCII.
    edgesFieldOptions: holdsOnePage(),
    cursorFieldOptions: answersAtMost(MAX_CURSOR_LENGTH, "ascii"),
    startCursorFieldOptions: answersAtMost(MAX_CURSOR_LENGTH, "ascii"),
    endCursorFieldOptions: answersAtMost(MAX_CURSOR_LENGTH, "ascii"),
  },
  scopeAuth: {
    authScopes: (ctx) => {
      const key = ctx.caller.key;
      return {
        ...(key === null ? NO_KEY_GRANTS : KEY_GRANTS[key.scope]),
        signedIn: ctx.caller.session !== null,
        browserSession: key === null && ctx.caller.session !== null,
        platformAdmin: ctx.caller.session?.account.isPlatformAdmin === true,
      };
    },
    unauthorizedError: (_parent, ctx, _info, result) => {
      const wanted = requiredScope(result.failure);
      if (wanted === "platformAdmin" && ctx.caller.session) {
        return KnoudsError.forbidden("Only platform administrators can do this");
      }
      if (wanted && isScope(wanted) && ctx.caller.key) return KnoudsError.scopeDenied(wanted, ctx.caller.key.scope);
      if (wanted === "signedIn" || wanted === "platformAdmin") {
        return new KnoudsError("UNAUTHENTICATED", "Sign in first: this needs a browser session, not an API key");
      }
      return KnoudsError.unauthenticated();
    },
  },
});

const timestampRefusal = () => KnoudsError.invalidInput([{ path: "", message: `DateTime must be ${TIMESTAMP_RULE}` }]);

builder.scalarType("DateTime", {
  description:
    "An RFC 3339 timestamp. Answers are in UTC (2026-12-31T23:59:59.000Z); arguments must carry an offset (Z or +hh:mm / -hh:mm).",
  serialize: (value) => new Date(value).toISOString(),
  // A KnoudsError, so the client gets BAD_USER_INPUT rather than a masked internal error.
  parseValue: (value) => {
    const date = typeof value === "string" ? parseTimestamp(value) : null;
    if (!date) throw timestampRefusal();
    return date;
  },
  // Written inline, it is refused while the document is validated: a GraphQLError carrying our
  // shape, or graphql-js would wrap it as GRAPHQL_VALIDATION_FAILED.
  parseLiteral: (node, variables) => {
    const value = valueFromASTUntyped(node, variables);
    const date = typeof value === "string" ? parseTimestamp(value) : null;
    if (!date) {
      const refusal = timestampRefusal();
      throw new GraphQLError(refusal.message, toGraphQLError(refusal));
    }
    return date;
  },
});

/**
 * JSON arguments nest at most MAX_JSON_DEPTH levels, whether sent as variables or written
 * inline. Thrown while the document is validated, so it is a GraphQLError carrying our shape
 * (yoga would label anything else GRAPHQL_VALIDATION_FAILED).
 */
function shallowJson(value: unknown): unknown {
  const refusal = depthRefusal(value);
  if (refusal) throw new GraphQLError(refusal.message, toGraphQLError(refusal));
  return value;
}

builder.scalarType("JSON", {
  description: "Any JSON value.",
  serialize: (value) => value,
  parseValue: shallowJson,
  parseLiteral: (node, variables) => shallowJson(valueFromASTUntyped(node, variables)),
});

builder.queryType({});
builder.mutationType({});
