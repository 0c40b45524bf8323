import type { FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError } from "graphql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { KnoudsError, toGraphQLError, type GraphQLErrorCode } from "../../domain/errors.js";
import type { Services } from "../../services.js";
import type { GraphQLContext } from "../context.js";
import { documentProtection } from "./protection.js";
import { refusalCode } from "./refusal-code.js";
import { schema } from "../schema.js";

interface ServerContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

// Short lines: the editor pane is about 50 characters wide on a laptop screen.
const PLAYGROUND_QUERY = `# Welcome to the Knouds API playground.
#
# Signed in? This tab uses your session:
# run Viewer, MyApiKeys, MyWorkflows, and
# RunMyFlow once you have made my-flow.
#
# Others' workflows (RunHelloWorld) need a
# key: open Headers below and paste
#   { "x-api-key": "knouds_live_..." }
# Create keys at /settings/api-keys.
#
# Docs (book icon, left): every field's
# access rule; error codes: ErrorCode.

query Viewer {
  viewer {
    authenticatedBy
    effectiveScope
    account { handle email tier allowedScopes }
  }
}

query MyApiKeys {
  apiKeys(first: 20) {
    edges { node { name scope start createdAt lastUsedAt } }
    pageInfo { hasNextPage endCursor }
  }
}

query MyWorkflows {
  workflows(first: 20) {
    edges { node { id status visibility lastRunAt } }
    pageInfo { hasNextPage endCursor }
  }
}

mutation RunMyFlow {
  runWorkflow(
    id: "my-flow"
    inputs: { prompt: "a mountain at dusk" }
  ) {
    id
    status
    outputs
    error
    ranBy { kind keyName }
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
`;

/**
 * graphql-js, yoga and graphql-armor speaking about the request itself (syntax, document limits,
 * validation, variables that do not coerce — a scalar's own GraphQLError inside), not a fault.
 */
function isAboutTheRequest(error: GraphQLError): boolean {
  const cause = error.originalError;
  return cause === undefined || cause === null || (cause instanceof GraphQLError && cause.originalError == null);
}

/** Every error names its problem with a code of the SDL's ErrorCode enum; some of graphql-js' carry none. */
function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  const code: GraphQLErrorCode = error.message.startsWith("Syntax Error") ? "GRAPHQL_PARSE_FAILED" : "BAD_USER_INPUT";
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

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
      // No key template: a placeholder would be sent, and every request, the schema fetch
      // included, would answer 401. The headers pane is open with the instructions above.
      defaultEditorToolsVisibility: "headers",
    },
    context: ({ req, reply }) => ({ caller: req.caller, services, reply, clientAddress: req.ip, runs: 0, answerJsonBytes: 0 }),
    maskedErrors: {
      maskError(error) {
        if (error instanceof GraphQLError && isAboutTheRequest(error)) return withCode(error);
        // Variable coercion wraps a scalar's error twice (GraphQLError in GraphQLError): unwrap to the cause.
        let original: unknown = error;
        while (original instanceof GraphQLError && original.originalError != null) original = original.originalError;
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
