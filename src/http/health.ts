import type { FastifyPluginAsync } from "fastify";
import type { Services } from "../services.js";

/** `/healthz`: the process answers. `/readyz`: its store answers too. */
export const healthRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await services.store.ping();
      return { status: "ready", store: services.store.kind };
    } catch {
      return reply.status(503).send({ status: "unavailable", store: services.store.kind });
    }
  });
};
