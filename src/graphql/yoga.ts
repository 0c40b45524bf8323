import type { FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError } from "graphql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { toGraphQLError } from "../domain/errors.js";
import type { Services } from "../services.js";
import type { GraphQLContext } from "./context.js";
import { schema } from "./schema.js";

interface ServerContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

const PLAYGROUND_QUERY = `# Welcome to the Knouds API playground.
# Put your key in the Headers tab: { "x-api-key": "knouds_live_..." }
query Viewer {
  viewer {
    authenticatedBy
    effectiveScope
    account { email tier }
  }
}
`;

/** The GraphQL endpoint. Errors are masked: only KnoudsError facts reach the client. */
export function createGraphQLServer(services: Services): YogaServerInstance<ServerContext, GraphQLContext> {
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: "/graphql",
    logging: false,
    landingPage: false,
    // CORS is Fastify's job (the configured allow-list); yoga's default would echo any origin.
    cors: false,
    graphiql: {
      title: "Knouds API playground",
      defaultQuery: PLAYGROUND_QUERY,
      headers: JSON.stringify({ "x-api-key": "knouds_live_..." }, null, 2),
    },
    context: ({ req, reply }) => ({ caller: req.caller, services, reply, clientAddress: req.ip }),
    maskedErrors: {
      maskError(error) {
        if (error instanceof GraphQLError && error.originalError === undefined) return error;
        const original = error instanceof GraphQLError ? error.originalError : error;
        const shape = toGraphQLError(original);
        return new GraphQLError(shape.message, {
          nodes: error instanceof GraphQLError ? error.nodes : undefined,
          path: error instanceof GraphQLError ? error.path : undefined,
          extensions: shape.extensions,
        });
      },
    },
  });
}
