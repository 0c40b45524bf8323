/**
 * Yardstick: bare Fastify answering a JSON POST, the host Knouds' REST routes run on. Fastify
 * parses the JSON body with its own content-type parser and serializes the answer; no hooks,
 * no logger, no plugins: the least a Fastify JSON route costs on this machine.
 */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/", async () => ({ hello: "world" }));
app.post("/", async (request) => ({ status: "succeeded", outputs: (request.body as { inputs?: unknown } | null)?.inputs ?? null }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
