/**
 * The http provider against real local HTTP servers started by the test: a working model, a
 * hanging one, a failing one, and a rejecting one.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { startServer, tempDataDir, type TestServer } from "../support/server.js";
import { createWorkflow } from "../support/workflows.js";
import { RunModel, WorkflowBasics } from "../support/workflow-operations.js";

async function readJson(request: IncomingMessage): Promise<unknown> {
  let raw = "";
  for await (const chunk of request) raw += chunk;
  return JSON.parse(raw);
}

describe("the http model provider", () => {
  let upstream: Server;
  let upstreamUrl: string;
  const calls: Record<string, number> = {};
  const seenAuth: string[] = [];
  let server: TestServer;
  let owner: SignedIn;
  let admin: Client;

  beforeAll(async () => {
    upstream = createServer(async (request, response) => {
      const path = request.url ?? "/";
      calls[path] = (calls[path] ?? 0) + 1;
      seenAuth.push(String(request.headers.authorization));
      if (path === "/hang") return; // never answers
      if (path === "/fail") {
        response.writeHead(503).end("upstream is down");
        return;
      }
      if (path === "/reject") {
        response.writeHead(422, { "content-type": "application/json" }).end('{"detail":"bad prompt"}');
        return;
      }
      const body = (await readJson(request)) as { inputs: { prompt: string; options?: { t: number } } };
      const options = body.inputs.options ? ` (t=${body.inputs.options.t})` : "";
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ outputs: { caption: `a picture of ${body.inputs.prompt}${options}` } }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

    const dataDir = tempDataDir();
    const modelsFile = join(dataDir, "models.json");
    const model = (id: string, path: string, timeoutMs = 300) => ({
      id,
      description: `upstream ${path}`,
      provider: "http",
      url: `${upstreamUrl}${path}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the models file's own ${ENV} placeholder, filled in by the server
      headers: { authorization: "Bearer ${TEST_UPSTREAM_TOKEN}" },
      timeoutMs,
      retries: 2,
      inputSchema: { type: "object", required: ["prompt"], properties: { prompt: { type: "string" } } },
      outputSchema: { type: "object", properties: { caption: { type: "string" } } },
    });
    writeFileSync(
      modelsFile,
      JSON.stringify({
        models: [
          model("acme/captioner", "/caption"),
          model("acme/hangs", "/hang"),
          model("acme/fails", "/fail", 5000),
          model("acme/rejects", "/reject"),
          {
            ...model("acme/tuned", "/tuned"),
            inputSchema: {
              type: "object",
              required: ["prompt"],
              properties: {
                prompt: { type: "string" },
                options: { type: "object", properties: { t: { type: "number", default: 0.7 } } },
              },
            },
          },
        ],
      }),
    );
    process.env.TEST_UPSTREAM_TOKEN = "upstream-secret";
    server = await startServer({ dataDir, env: { KNOUDS_MODELS_FILE: modelsFile } });
    owner = await signUp(server, { tier: "business" });
    admin = new Client(server.url, (await createKey(owner, "admin")).value);
  });

  afterAll(async () => {
    await server?.stop();
    upstream?.closeAllConnections();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it("runs a workflow step on the configured endpoint, with the auth header from the environment", async () => {
    await createWorkflow(owner, "captions", {
      definition: {
        inputSchema: { type: "object", required: ["prompt"], properties: { prompt: { type: "string" } } },
        steps: [{ id: "caption", model: "acme/captioner", inputs: { prompt: { from: "input.prompt" } } }],
        outputs: { caption: { from: "steps.caption.caption" } },
      },
    });
    const answer = await admin.request("POST", "/api/workflows/captions/run", { inputs: { prompt: "a lake" } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "succeeded", outputs: { caption: "a picture of a lake" } });
    expect(seenAuth).toContain("Bearer upstream-secret");
  });

  it("fills a model's input defaults into a copy: the workflow's literal inputs stay as defined", async () => {
    const steps = [{ id: "caption", model: "acme/tuned", inputs: { prompt: { from: "input.prompt" }, options: { value: {} } } }];
    await createWorkflow(owner, "tuned-captions", {
      definition: {
        inputSchema: { type: "object", required: ["prompt"], properties: { prompt: { type: "string" } } },
        steps,
        outputs: { caption: { from: "steps.caption.caption" } },
      },
    });
    for (const prompt of ["a lake", "a hill"]) {
      const answer = await admin.request("POST", "/api/workflows/tuned-captions/run", { inputs: { prompt } });
      expect(answer.body).toMatchObject({ status: "succeeded", outputs: { caption: `a picture of ${prompt} (t=0.7)` } });
    }
    const read = await admin.graphql(WorkflowBasics, { id: "tuned-captions" });
    expect(read.data?.workflow.steps).toEqual(steps);
  });

  it("ends a hanging upstream in a clear run error within the configured timeout", async () => {
    const started = Date.now();
    const answer = await admin.graphql(RunModel, { id: "acme/hangs", inputs: { prompt: "x" } });
    const elapsed = Date.now() - started;
    expect(answer.data?.runModel).toMatchObject({ status: "failed", error: "Model acme/hangs timed out after 300 ms" });
    expect(elapsed).toBeLessThan(3000);
  });

  it("retries a failing upstream a bounded number of times, then says so", async () => {
    const answer = await admin.request("POST", "/api/models/acme/fails/run", { inputs: { prompt: "x" } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: "failed",
      error: "Model acme/fails failed: it answered HTTP 503 (3 attempts)",
    });
    expect(calls["/fail"]).toBe(3);
  });

  it("does not retry an upstream that rejects the request, and does not leak its body", async () => {
    const answer = await admin.request("POST", "/api/models/acme/rejects/run", { inputs: { prompt: "x" } });
    expect(answer.body).toMatchObject({ status: "failed", error: "Model acme/rejects rejected the request (HTTP 422)" });
    expect(answer.text).not.toContain("bad prompt");
    expect(answer.text).not.toContain(upstreamUrl);
    expect(calls["/reject"]).toBe(1);
  });

  it("records failed runs so they can be read back", async () => {
    const answer = await admin.request("POST", "/api/models/acme/rejects/run", { inputs: { prompt: "y" } });
    const runId = (answer.body as { runId: string }).runId;
    const run = await admin.request("GET", `/api/runs/${runId}`);
    expect(run.body).toMatchObject({ runId, status: "failed", modelId: "acme/rejects", outputs: null });
  });
});

describe("the models file", () => {
  it("stops the server with a message naming the problem", async () => {
    const dataDir = tempDataDir();
    const modelsFile = join(dataDir, "models.json");
    writeFileSync(modelsFile, JSON.stringify({ models: [{ id: "Bad Id", provider: "http", url: "not a url" }] }));
    await expect(startServer({ dataDir, env: { KNOUDS_MODELS_FILE: modelsFile } })).rejects.toThrow(
      /invalid models file .*models\.0\.id: model ids look like owner\/name/,
    );
  });
});
