import type { FastifyPluginAsync } from "fastify";
import type { Services } from "../services.js";

/** `/healthz`: the process answers. `/readyz`: its store answers too, and Redis when configured. */
export const healthRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const checks = await services.readiness();
    const ready = Object.values(checks).every(Boolean);
    return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "unavailable", store: services.store.kind, checks });
  });
};
