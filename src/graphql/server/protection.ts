/**
 * Limits on the shape of a GraphQL document, checked before anything runs: depth, aliases,
 * directives and tokens (graphql-armor), and the cost counting list sizes (query-cost.ts, in
 * place of armor's, which cannot see variables); field suggestions are not echoed back, so a
 * schema with introspection off cannot be guessed from error messages. Introspection itself
 * stays on for the playground unless KNOUDS_GRAPHQL_INTROSPECTION=false.
 */
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";
import { queryCostLimit } from "./query-cost.js";

export const DOCUMENT_LIMITS = {
  maxDepth: 8,
  maxCost: 5000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 1000,
} as const;

/** Refuses `__schema` and `__type` queries. */
function noIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

export function documentProtection(options: { introspection: boolean }): Plugin[] {
  const armor = EnvelopArmorPlugin({
    maxDepth: { n: DOCUMENT_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { enabled: false },
    maxAliases: { n: DOCUMENT_LIMITS.maxAliases },
    maxDirectives: { n: DOCUMENT_LIMITS.maxDirectives },
    maxTokens: { n: DOCUMENT_LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: true },
  }) as Plugin;
  const cost = queryCostLimit(DOCUMENT_LIMITS.maxCost);
  return options.introspection ? [armor, cost] : [armor, cost, noIntrospection()];
}
