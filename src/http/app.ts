import cookie from "@fastify/cookie";
import cors from "@fastify/cors";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { KnoudsError } from "../domain/errors.js";
import { depthRefusal } from "../domain/json-depth.js";
import type { Services } from "../services.js";
import { usageOutcome } from "../usage/outcome.js";
import { identifyCallerOrRefuse } from "./caller.js";
import { sendError } from "./errors.js";
import { graphqlRoutes } from "./graphql-route.js";
import { healthRoutes } from "./health.js";
import { leakReportRoute } from "./leak-report.js";
import { openApiRoute } from "./openapi.js";
import { restRoutes } from "./rest.js";
import { playgroundAssets } from "./playground.js";
import { settingsPage } from "./settings/page.js";

export interface HttpAppOptions {
  services: Services;
  logger: Logger;
}

/** What a caller may choose as its request id: at most 128 of [A-Za-z0-9._:-]. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_SMI = 2 ** 31 - 1;
let lastRequestId = 0;

/** The caller's `x-request-id` when acceptable, else `req-<n>` as Fastify numbers requests. */
function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers["x-request-id"];
  if (typeof given === "string" && CALLER_REQUEST_ID.test(given)) return given;
  lastRequestId = (lastRequestId + 1) & MAX_SMI;
  return `req-${lastRequestId.toString(36)}`;
}

function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** Fastify in front of yoga: body limits, cookies, CORS, the error shapes, and every route. */
export async function buildHttpApp({ services, logger }: HttpAppOptions): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    // A hop count trusts that many proxies nearest to us (Fastify's types want the function form).
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    // A caller's x-request-id is echoed and logged only when it is short and plain; any other
    // value is replaced, so a client cannot put 15 KB or control characters into every log line.
    requestIdHeader: false,
    genReqId: requestId,
    // One access-log line per request comes from our onResponse hook, with the key id.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests that still arrive while closing (on a busy keep-alive connection) get our 503
    // from the hook below, in the documented shape, rather than Fastify's own body.
    return503OnClosing: false,
    // Unknown fields are errors, not silently dropped; types are never coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    // Errors Fastify meets before routing (a URL with bad percent-encoding) get our shapes too.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
  });
  // Before any plugin adds routes (CORS adds OPTIONS *): a route keeps the handler set when it was added.
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  // Under /api/ authentication comes first, as on every API route: a missing, bad or deleted
  // key is 401 whether or not the route exists, and only a verified key learns "404". A
  // key-authenticated request to no route still counts against the key and carries its headers.
  app.setNotFoundHandler(async (request, reply) => {
    const api = request.url === "/api" || request.url.startsWith("/api/") || request.url.startsWith("/api?");
    if (api || request.headers["x-api-key"] !== undefined) {
      // Awaiting the refusal yields undefined, not the reply (a FastifyReply is thenable): ask whether it was sent.
      await identifyCallerOrRefuse(request, reply, services);
      if (reply.sent) return reply;
      if (api && !request.caller.key) return sendError(KnoudsError.unauthenticated(), request, reply);
    }
    return sendError(KnoudsError.notFound(), request, reply);
  });

  // JSON only: a text/plain body is refused as the wrong Content-Type, not parsed as a string.
  app.removeContentTypeParser("text/plain");
  await app.register(cookie);
  const allowedOrigins = new Set(config.corsOrigins);
  // Credentials (the session cookie) are granted only to origins on the allow-list; any other
  // origin gets no CORS headers at all. Static options: nothing is rebuilt per request.
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin) ? origin : false),
    credentials: true,
    allowedHeaders: ["x-api-key", "content-type", "x-request-id"],
    exposedHeaders: ["retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy", "x-request-id"],
    maxAge: 600,
  });

  app.decorate("metrics", services.metrics);
  app.decorateRequest("caller", null as never);
  app.decorateRequest("keyRejected", false);
  app.decorateRequest("refusal", undefined);
  app.decorateRequest("answerBytesAllowed", undefined);
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (closing) {
      reply.header("connection", "close");
      return sendError(KnoudsError.unavailable(), request, reply);
    }
  });
  app.addHook("preValidation", async (request, reply) => {
    const refusal = request.body === undefined ? null : depthRefusal(request.body);
    if (refusal) return sendError(refusal, request, reply);
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "(unmatched)";
    services.metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    const key = request.caller?.key;
    if (key) services.usage.count(key.key.id, usageOutcome(reply.statusCode, request.refusal));
    request.log.info(
      {
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
        keyId: request.caller?.key?.key.id,
      },
      "request",
    );
  });

  await app.register(healthRoutes, { services });
  await app.register(openApiRoute);
  await app.register(settingsPage);
  await app.register(leakReportRoute, { services });
  if (config.graphqlIntrospection) await app.register(playgroundAssets);
  await app.register(async (api) => {
    api.addHook("onRequest", (request: FastifyRequest, reply: FastifyReply) => identifyCallerOrRefuse(request, reply, services));
    await api.register(graphqlRoutes, { services });
    await api.register(restRoutes, { services });
  });
  return app;
}
