import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { KnoudsError } from "../domain/errors.js";
import type { Services } from "../services.js";

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `/healthz`: the process answers. `/readyz`: 200 "ready" when its store answers, and Redis when
 * configured; 200 "degraded" when only Redis is away (the instance stays in the load balancer:
 * every instance shares that Redis, and answers correctly without it, checking the store);
 * 503 "unavailable" when the store does not answer.
 * `/metrics`: Prometheus text; behind `Authorization: Bearer $KNOUDS_METRICS_TOKEN` when set.
 */
export const healthRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/metrics", async (request, reply) => {
    const token = services.config.metricsToken;
    if (token !== undefined && !sameSecret(request.headers.authorization ?? "", `Bearer ${token}`)) {
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw KnoudsError.unauthenticated();
    }
    const { contentType, body } = await services.metrics.exposition();
    return reply.type(contentType).send(body);
  });
  app.get("/readyz", async (_request, reply) => {
    const checks = await services.readiness();
    const status = !checks.store ? "unavailable" : Object.values(checks).every(Boolean) ? "ready" : "degraded";
    return reply.status(status === "unavailable" ? 503 : 200).send({ status, store: services.store.kind, checks });
  });
};
