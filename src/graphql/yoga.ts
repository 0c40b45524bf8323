import type { FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError } from "graphql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { KnoudsError, toGraphQLError } from "../domain/errors.js";
import type { Services } from "../services.js";
import type { GraphQLContext } from "./context.js";
import { documentProtection } from "./protection.js";
import { refusalCode } from "./refusal-code.js";
import { schema } from "./schema.js";

interface ServerContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

const PLAYGROUND_QUERY = `# Welcome to the Knouds API playground.
# 1. Put your key in the Headers tab below: { "x-api-key": "knouds_live_..." }
#    (create one at /settings/api-keys, or with CreateApiKey while signed in there).
# 2. Pick an operation with the run button: Viewer, RunHelloWorld, CreateApiKey.

query Viewer {
  viewer {
    authenticatedBy
    effectiveScope
    account { handle email tier allowedScopes }
  }
}

mutation RunHelloWorld {
  runWorkflow(id: "knouds/hello-world", inputs: { name: "Ada" }) {
    id
    status
    outputs
    error
  }
}

# Needs a signed-in browser session (the settings page), not an API key.
mutation CreateApiKey {
  createApiKey(input: { name: "from the playground", scope: free }) {
    value
    apiKey { id name scope start createdAt }
  }
}
`;

/** The GraphQL endpoint. Errors are masked: only KnoudsError facts reach the client. */
export function createGraphQLServer(
  services: Services,
  playground: (options: Record<string, unknown>) => string,
): YogaServerInstance<ServerContext, GraphQLContext> {
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: "/graphql",
    logging: false,
    landingPage: false,
    // CORS is Fastify's job (the configured allow-list); yoga's default would echo any origin.
    cors: false,
    plugins: [...documentProtection({ introspection: services.config.graphqlIntrospection }), refusalCode()],
    // The playground needs introspection; with it off, /graphql in a browser is not a playground.
    // The HTTP layer serves the playground page and its assets (not yoga's CDN-loaded default).
    renderGraphiQL: playground,
    graphiql: services.config.graphqlIntrospection && {
      title: "Knouds API playground",
      defaultQuery: PLAYGROUND_QUERY,
      headers: JSON.stringify({ "x-api-key": "knouds_live_..." }, null, 2),
    },
    context: ({ req, reply }) => ({ caller: req.caller, services, reply, clientAddress: req.ip, runs: 0, answerJsonBytes: 0 }),
    maskedErrors: {
      maskError(error) {
        if (error instanceof GraphQLError && error.originalError === undefined) return error;
        // Variable coercion wraps a scalar's error twice (GraphQLError in GraphQLError): unwrap to the cause.
        let original: unknown = error;
        while (original instanceof GraphQLError && original.originalError !== undefined) original = original.originalError;
        const shape = toGraphQLError(original);
        if (original instanceof KnoudsError) services.metrics.refusal(original.code);
        return new GraphQLError(shape.message, {
          nodes: error instanceof GraphQLError ? error.nodes : undefined,
          path: error instanceof GraphQLError ? error.path : undefined,
          extensions: shape.extensions,
        });
      },
    },
  });
}
