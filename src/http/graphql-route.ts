import type { FastifyPluginAsync } from "fastify";
import { KnoudsError, toGraphQLError } from "../domain/errors.js";
import { createGraphQLServer } from "../graphql/server/yoga.js";
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
      const answer = await response.text();
      if (answerOverItsBound(answer, req.answerBytesAllowed)) {
        const refusal = KnoudsError.invalidInput(
          [{ path: "", message: "the answer is over the size its cost allows" }],
          `This answer would be over ${req.answerBytesAllowed} bytes, the most its cost allows: ask for fewer items or fields`,
        );
        services.metrics.refusal(refusal.code);
        reply.removeHeader("content-length");
        return reply.status(response.status).send(JSON.stringify({ errors: [toGraphQLError(refusal)] }));
      }
      return reply.status(response.status).send(answer);
    },
  });
};

/**
 * The backstop behind the cost: an answer longer than its cost allows is not sent. Its UTF-8
 * length is measured only when its UTF-16 length leaves any doubt (at most 3 bytes a unit).
 */
function answerOverItsBound(answer: string, allowed: number | undefined): boolean {
  if (allowed === undefined || answer.length * 3 <= allowed) return false;
  return answer.length > allowed || Buffer.byteLength(answer) > allowed;
}
