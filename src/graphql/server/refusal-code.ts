import type { FastifyRequest } from "fastify";
import type { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { KnoudsError } from "../../domain/errors.js";

/**
 * Notes on the HTTP request the code of the first error a GraphQL result carries, so the
 * request's usage outcome (scope denied, rate limited, other) is known though the status is 200.
 */
export function refusalCode(): Plugin<Record<string, unknown>, { req: FastifyRequest }> {
  return {
    onExecutionResult({ result, context }) {
      if (!result || !("errors" in result) || !result.errors?.length) return;
      const first = result.errors[0] as GraphQLError;
      const code = first.originalError instanceof KnoudsError ? first.originalError.code : first.extensions?.code;
      context.req.refusal = typeof code === "string" ? code : "INTERNAL";
    },
  };
}
