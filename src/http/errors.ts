import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { KnoudsError, toGraphQLError, toRestError } from "../domain/errors.js";
import type { Metrics } from "../observability/metrics.js";
import { graphqlMediaType } from "./graphql-media-type.js";

declare module "fastify" {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/** Fastify's own errors (body parsing, limits) in our vocabulary. */
function fromFastify(error: FastifyError): KnoudsError | null {
  if (error.validation) {
    return KnoudsError.invalidInput(
      error.validation.map((v) => {
        const extra = (v.params as { additionalProperty?: string }).additionalProperty;
        const path = [v.instancePath.replace(/^\//, "").replaceAll("/", "."), extra].filter(Boolean).join(".");
        return { path, message: extra ? "is not allowed" : (v.message ?? "is invalid") };
      }),
    );
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return KnoudsError.payloadTooLarge();
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return KnoudsError.invalidInput([{ path: "", message: "body must be valid JSON" }]);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return KnoudsError.invalidInput([{ path: "", message: "Content-Type must be application/json" }]);
    case "FST_ERR_BAD_URL":
      return KnoudsError.invalidInput([{ path: "", message: "the URL is not valid (bad percent-encoding)" }]);
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return KnoudsError.invalidInput([{ path: "", message: "Content-Length does not match the body" }]);
    default:
      break;
  }
  if (error instanceof SyntaxError) return KnoudsError.invalidInput([{ path: "", message: "body must be valid JSON" }]);
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    return KnoudsError.invalidInput([{ path: "", message: error.message }]);
  }
  return null;
}

export function asKnoudsError(error: unknown): KnoudsError | null {
  if (error instanceof KnoudsError) return error;
  if (error && typeof error === "object" && "code" in error) return fromFastify(error as FastifyError);
  return null;
}

function isGraphQLRoute(request: FastifyRequest): boolean {
  return request.url === "/graphql" || request.url.startsWith("/graphql?");
}

/**
 * Every error leaves as a documented shape: REST bodies on REST routes, GraphQL errors on
 * /graphql in the media type the client accepts (same status either way: none of these
 * answers carries `data`, and the spec wants 4xx/5xx for that with graphql-response+json).
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = asKnoudsError(error);
  if (!known) request.log.error({ err: error }, "unhandled error");
  else request.server.metrics.refusal(known.code);
  const rest = toRestError(known ?? error);
  request.refusal = known?.code ?? "INTERNAL";
  if (known?.facts.retryAfter !== undefined) reply.header("retry-after", known.facts.retryAfter);
  if (isGraphQLRoute(request)) {
    const mediaType = graphqlMediaType(request.headers.accept);
    return reply
      .status(rest.status)
      .type(`${mediaType}; charset=utf-8`)
      .send({ errors: [toGraphQLError(known ?? error)] });
  }
  return reply.status(rest.status).type("application/json").send(rest.body);
}
