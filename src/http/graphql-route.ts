import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { processRegularResult, type GraphQLParams } from "graphql-yoga";
import { KnoudsError, toGraphQLError } from "../domain/errors.js";
import { createGraphQLServer } from "../graphql/server/yoga.js";
import type { Services } from "../services.js";
import { sendError } from "./errors.js";
import { namedGraphqlMediaType } from "./graphql-media-type.js";
import { PLAYGROUND_CSP, playgroundHtml } from "./playground.js";

/** Mounts yoga at /graphql; a sent but invalid `x-api-key` is refused before GraphQL runs. */
export const graphqlRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const yoga = createGraphQLServer(services, playgroundHtml);
  app.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    handler: async (req, reply) => {
      if (req.keyRejected) return sendError(KnoudsError.unauthenticated(), req, reply);
      const direct = directRequest(req);
      let response: Response;
      if (direct) {
        const result = await yoga.getResultForParams({ params: direct.params, request: direct.request }, { req, reply });
        if (result === undefined) throw new Error("yoga gave no result for an operation");
        response = processRegularResult(result, yoga.fetchAPI, direct.mediaType);
      } else {
        response = await yoga.handleNodeRequestAndResponse(req, reply, { req, reply });
      }
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

const PARAM_NAMES = new Set(["query", "variables", "operationName", "extensions"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The common request — a POST of one JSON operation, its body already parsed by Fastify, asking
 * for a JSON answer — goes straight to yoga's operation pipeline (every envelop plugin: armor,
 * cost, masking, the parse and validation caches, refusal codes) and its own result processor,
 * without converting the Node request into a Fetch Request and back (measured: GraphQL
 * runWorkflow +27% req/s without it; docs/benchmark-results.md "Where the issue-25 targets stand").
 * Anything else — GET, other content types or answer types, batches, query strings, parameters
 * yoga would refuse — takes yoga's whole path, so every refusal keeps yoga's own words.
 *
 * yoga's plugins read the request's method (mutations are refused over GET) and nothing else:
 * `request` is a stand-in carrying the method, the URL and the headers.
 */
function directRequest(req: FastifyRequest): { params: GraphQLParams; request: Request; mediaType: string } | null {
  if (req.method !== "POST" || req.url !== "/graphql") return null;
  const contentType = req.headers["content-type"];
  if (contentType !== "application/json" && contentType !== "application/json; charset=utf-8") return null;
  const mediaType = namedGraphqlMediaType(req.headers.accept);
  const body = req.body;
  if (mediaType === null || !isPlainObject(body)) return null;
  for (const name in body) if (!PARAM_NAMES.has(name)) return null;
  const { query, variables, operationName, extensions } = body;
  if (typeof query !== "string") return null;
  if (variables !== undefined && !isPlainObject(variables)) return null;
  if (operationName !== undefined && typeof operationName !== "string") return null;
  if (extensions !== undefined && !isPlainObject(extensions)) return null;
  const headers = req.headers;
  const request = {
    method: "POST",
    url: "http://localhost/graphql",
    headers: { get: (name: string) => (headers[name.toLowerCase()] as string | undefined) ?? null },
  } as unknown as Request;
  return { params: body as GraphQLParams, request, mediaType };
}

/**
 * The backstop behind the cost: an answer longer than its cost allows is not sent. Its UTF-8
 * length is measured only when its UTF-16 length leaves any doubt (at most 3 bytes a unit).
 */
function answerOverItsBound(answer: string, allowed: number | undefined): boolean {
  if (allowed === undefined || answer.length * 3 <= allowed) return false;
  return answer.length > allowed || Buffer.byteLength(answer) > allowed;
}
