import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { KnoudsError } from "../domain/errors.js";
import type { Services } from "../services.js";

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `/healthz`: the process answers. `/readyz`: its store answers too, and Redis when configured.
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
    const ready = Object.values(checks).every(Boolean);
    return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "unavailable", store: services.store.kind, checks });
  });
};
