import type { FastifyPluginAsync } from "fastify";
import { KnoudsError } from "../domain/errors.js";
import { createGraphQLServer } from "../graphql/yoga.js";
import type { Services } from "../services.js";
import { sendError } from "./errors.js";
import { PLAYGROUND_CSP, playgroundHtml } from "./playground.js";

/** Mounts yoga at /graphql; a sent but invalid `x-api-key` is refused before GraphQL runs. */
export const graphqlRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const yoga = createGraphQLServer(services, playgroundHtml);
  app.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    handler: async (req, reply) => {
      if (req.keyRejected) return sendError(KnoudsError.unauthenticated(), req, reply);
      const response = await yoga.handleNodeRequestAndResponse(req, reply, { req, reply });
      response.headers.forEach((value, key) => {
        reply.header(key, value);
      });
      if (response.headers.get("content-type")?.startsWith("text/html")) {
        reply.header("content-security-policy", PLAYGROUND_CSP).header("x-content-type-options", "nosniff");
      }
      return reply.status(response.status).send(await response.text());
    },
  });
};
