import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyValue } from "../../src/domain/keys.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { DeleteApiKey } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { WorkflowSchema } from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE, createWorkflow } from "../support/workflows.js";

/** Sends exactly what a REST client would and returns status, content type and raw body. */
async function post(server: TestServer, path: string, body: string | undefined, key?: string, contentType = "application/json") {
  const headers: Record<string, string> = {};
  if (key !== undefined) headers["x-api-key"] = key;
  if (body !== undefined) headers["content-type"] = contentType;
  const response = await fetch(`${server.url}${path}`, { method: "POST", headers, body });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

const UNAUTHORIZED = '{"error":"Unauthorized"}';
const NOT_FOUND = '{"error":"Not Found"}';

describe("legacy REST routes", () => {
  let server: TestServer;
  let owner: SignedIn;
  let other: SignedIn;
  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server, { tier: "business" });
    other = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "my-flow");
    await createWorkflow(other, "their-private-flow");
    await createWorkflow(other, "their-public-flow", { visibility: "public" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("runs the documented request verbatim for the key's own deployed workflow", async () => {
    const { value } = await createKey(owner, "free");
    // curl -X POST .../api/workflows/my-flow/run -H "x-api-key: $KEY" -H "Content-Type: application/json"
    //      -d '{"inputs": {"prompt": "a mountain at dusk"}}'
    const answer = await post(server, "/api/workflows/my-flow/run", '{"inputs": {"prompt": "a mountain at dusk"}}', value);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    const body = JSON.parse(answer.text) as { runId: string; status: string; outputs: { image: string } };
    expect(Object.keys(body)).toEqual(["runId", "status", "outputs"]);
    expect(body.runId).toMatch(/^run_/);
    expect(body.status).toBe("succeeded");
    expect(body.outputs.image).toMatch(/^<svg /);
    expect(body.outputs.image).toContain("<title>a mountain at dusk</title>");

    const again = await post(server, "/api/workflows/my-flow/run", '{"inputs": {"prompt": "a mountain at dusk"}}', value);
    expect((JSON.parse(again.text) as typeof body).outputs.image).toBe(body.outputs.image);
  });

  it("records the run and serves it at GET /api/runs/:id to its own account only", async () => {
    const { value } = await createKey(owner, "free");
    const ran = JSON.parse((await post(server, "/api/workflows/my-flow/run", '{"inputs":{"prompt":"lake"}}', value)).text) as {
      runId: string;
    };
    const response = await fetch(`${server.url}/api/runs/${ran.runId}`, { headers: { "x-api-key": value } });
    expect(response.status).toBe(200);
    const run = (await response.json()) as Record<string, unknown>;
    expect(run).toMatchObject({
      runId: ran.runId,
      status: "succeeded",
      workflowId: `${owner.handle}/my-flow`,
      modelId: null,
      inputs: { prompt: "lake" },
    });
    expect(typeof run.durationMs).toBe("number");
    expect(Date.parse(run.startedAt as string)).toBeGreaterThan(0);

    const { value: stranger } = await createKey(other, "admin");
    const peek = await fetch(`${server.url}/api/runs/${ran.runId}`, { headers: { "x-api-key": stranger } });
    expect(peek.status).toBe(404);
    expect(await peek.text()).toBe(NOT_FOUND);
  });

  describe("401 Unauthorized, byte for byte", () => {
    it("when the header is absent", async () => {
      const answer = await post(server, "/api/workflows/my-flow/run", '{"inputs":{}}');
      expect(answer).toEqual({ status: 401, type: "application/json; charset=utf-8", text: UNAUTHORIZED });
    });

    it("when the key is malformed", async () => {
      for (const bad of ["hello", "knouds_live_short", `${generateKeyValue().value}x`, ""]) {
        const answer = await post(server, "/api/workflows/my-flow/run", '{"inputs":{}}', bad);
        expect(answer.status).toBe(401);
        expect(answer.text).toBe(UNAUTHORIZED);
      }
    });

    it("when the key is well-formed but unknown", async () => {
      const answer = await post(server, "/api/workflows/my-flow/run", '{"inputs":{}}', generateKeyValue().value);
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(UNAUTHORIZED);
    });

    it("when the key was deleted", async () => {
      const { id, value } = await createKey(owner, "admin");
      expect((await post(server, "/api/workflows/my-flow/run", '{"inputs":{"prompt":"x"}}', value)).status).toBe(200);
      await owner.client.graphql(DeleteApiKey, { id });
      const answer = await post(server, "/api/workflows/my-flow/run", '{"inputs":{"prompt":"x"}}', value);
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(UNAUTHORIZED);
    });

    it("on unknown /api/* routes too: authentication comes first under /api/, so a deleted key never learns which routes exist", async () => {
      const { id, value } = await createKey(owner, "admin");
      await owner.client.graphql(DeleteApiKey, { id });
      for (const key of [value, undefined, "hello"]) {
        for (const path of ["/api/nothing-here", "/api/workflows/a/b/c/d/run", "/api"]) {
          const response = await fetch(`${server.url}${path}`, { headers: key === undefined ? {} : { "x-api-key": key } });
          expect(response.status, `${path} with ${key === value ? "a deleted key" : String(key)}`).toBe(401);
          expect(await response.text()).toBe(UNAUTHORIZED);
        }
      }
      // Outside /api/ an unknown route stays 404 for anyone.
      const page = await fetch(`${server.url}/nothing-here`, { headers: { "x-api-key": value } });
      expect(page.status).toBe(404);
    });

    it("before reading the body: no key plus bad JSON is still 401", async () => {
      const answer = await post(server, "/api/workflows/my-flow/run", "{not json");
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(UNAUTHORIZED);
    });
  });

  describe("403 SCOPE_DENIED with required and actual, byte for byte", () => {
    it("for a free key running another account's public workflow", async () => {
      const { value } = await createKey(owner, "free");
      const answer = await post(server, `/api/workflows/${other.handle}/their-public-flow/run`, '{"inputs":{"prompt":"x"}}', value);
      expect(answer.status).toBe(403);
      expect(answer.text).toBe('{"error":"Insufficient scope","code":"SCOPE_DENIED","required":"deployment","actual":"free"}');
    });

    it("for a deployment key calling POST /api/models/:id/run", async () => {
      const { value } = await createKey(owner, "deployment");
      const answer = await post(server, "/api/models/knouds/echo/run", '{"inputs":{"text":"hi"}}', value);
      expect(answer.status).toBe(403);
      expect(answer.text).toBe('{"error":"Insufficient scope","code":"SCOPE_DENIED","required":"admin","actual":"deployment"}');
    });
  });

  describe("404 Not Found, the same body whatever the reason", () => {
    it("for an unknown workflow and for another account's private workflow, under both address forms", async () => {
      const { value } = await createKey(owner, "admin");
      const unknown = await post(server, "/api/workflows/no-such-flow/run", '{"inputs":{}}', value);
      const unknownOwner = await post(server, "/api/workflows/no-such-handle/my-flow/run", '{"inputs":{}}', value);
      const hidden = await post(server, `/api/workflows/${other.handle}/their-private-flow/run`, '{"inputs":{"prompt":"x"}}', value);
      const hiddenBare = await post(server, "/api/workflows/their-private-flow/run", '{"inputs":{"prompt":"x"}}', value);
      for (const answer of [unknown, unknownOwner, hidden, hiddenBare]) {
        expect(answer.status).toBe(404);
        expect(answer.text).toBe(NOT_FOUND);
      }
      for (const path of [`${other.handle}/their-private-flow`, "their-private-flow"]) {
        const hiddenSchema = await fetch(`${server.url}/api/workflows/${path}/schema`, { headers: { "x-api-key": value } });
        expect(hiddenSchema.status).toBe(404);
        expect(await hiddenSchema.text()).toBe(NOT_FOUND);
      }
    });

    it("for an unknown model, an invalid workflow id and an unknown route", async () => {
      const { value } = await createKey(owner, "admin");
      expect((await post(server, "/api/models/knouds/nothing/run", '{"inputs":{}}', value)).text).toBe(NOT_FOUND);
      expect((await post(server, "/api/workflows/NOT_A_SLUG/run", '{"inputs":{}}', value)).text).toBe(NOT_FOUND);
      const route = await fetch(`${server.url}/api/nothing-here`, { headers: { "x-api-key": value } });
      expect(route.status).toBe(404);
      expect(await route.text()).toBe(NOT_FOUND);
      // Still a request of that key: counted, with the budget headers.
      expect(route.headers.get("ratelimit-limit")).toBe("1000");
      expect(route.headers.get("ratelimit-remaining")).toBe("997");
    });
  });

  describe("400 INVALID_INPUT with details", () => {
    it("for a body that is not JSON", async () => {
      const { value } = await createKey(owner, "admin");
      const answer = await post(server, "/api/workflows/my-flow/run", "{inputs: nope", value);
      expect(answer.status).toBe(400);
      expect(answer.text).toBe(
        '{"error":"Bad Request","code":"INVALID_INPUT","details":[{"path":"","message":"body must be valid JSON"}]}',
      );
    });

    it("for a body that is not application/json", async () => {
      const { value } = await createKey(owner, "admin");
      const answer = await post(server, "/api/workflows/my-flow/run", "prompt=x", value, "text/plain");
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toEqual({
        error: "Bad Request",
        code: "INVALID_INPUT",
        details: [{ path: "", message: "Content-Type must be application/json" }],
      });
    });

    it("for inputs failing the workflow's schema, naming each problem", async () => {
      const { value } = await createKey(owner, "admin");
      const answer = await post(server, "/api/workflows/my-flow/run", '{"inputs":{"prompt":42,"colour":"red"}}', value);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toEqual({
        error: "Bad Request",
        code: "INVALID_INPUT",
        details: expect.arrayContaining([
          { path: "inputs.prompt", message: "must be string" },
          { path: "inputs.colour", message: "is not allowed" },
        ]),
      });
    });

    it("for unknown top-level fields and inputs that are not an object", async () => {
      const { value } = await createKey(owner, "admin");
      const extra = await post(server, "/api/workflows/my-flow/run", '{"inputs":{"prompt":"x"},"debug":true}', value);
      expect(extra.status).toBe(400);
      expect(JSON.parse(extra.text)).toMatchObject({ code: "INVALID_INPUT", details: [{ path: "debug", message: "is not allowed" }] });
      const notObject = await post(server, "/api/workflows/my-flow/run", '{"inputs":["x"]}', value);
      expect(notObject.status).toBe(400);
      expect(JSON.parse(notObject.text)).toMatchObject({ code: "INVALID_INPUT", details: [{ path: "inputs" }] });
    });
  });

  it("413 Payload Too Large for an oversized body, byte for byte", async () => {
    const { value } = await createKey(owner, "admin");
    const huge = JSON.stringify({ inputs: { prompt: "x".repeat(2 * 1024 * 1024) } });
    const answer = await post(server, "/api/workflows/my-flow/run", huge, value);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe('{"error":"Payload Too Large"}');
  });

  it("serves a workflow's input schema to deployment keys", async () => {
    const { value } = await createKey(owner, "deployment");
    const response = await fetch(`${server.url}/api/workflows/my-flow/schema`, { headers: { "x-api-key": value } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: `${owner.handle}/my-flow`, inputSchema: { required: ["prompt"] } });
  });

  it("runs a single model with an admin key", async () => {
    const { value } = await createKey(owner, "admin");
    const answer = await post(server, "/api/models/knouds/text-stats/run", '{"inputs":{"text":"One two. Three!"}}', value);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      status: "succeeded",
      outputs: { characters: 15, words: 3, lines: 1, sentences: 2 },
    });
  });

  it("ends a template that would render more than 200,000 characters in a failed run, not a huge string", async () => {
    const { value } = await createKey(owner, "admin");
    const body = JSON.stringify({ inputs: { template: "{{a}}".repeat(20_000), values: { a: "x".repeat(50_000) } } });
    const answer = await post(server, "/api/models/knouds/template/run", body, value);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      status: "failed",
      error: "knouds/template: the rendered text would exceed 200000 characters",
    });
  });

  it("runs the shipped knouds/hello-world example with a deployment key", async () => {
    const { value } = await createKey(owner, "deployment");
    const answer = await post(server, "/api/workflows/knouds/hello-world/run", '{"inputs":{"name":"Ada"}}', value);
    expect(JSON.parse(answer.text)).toMatchObject({ status: "succeeded", outputs: { greeting: "Hello, Ada!" } });
    const defaulted = await post(server, "/api/workflows/knouds/hello-world/run", '{"inputs":{}}', value);
    expect(JSON.parse(defaulted.text)).toMatchObject({ outputs: { greeting: "Hello, world!" } });
  });

  it("never answers 500 or a stack trace to hostile bodies", async () => {
    const { value } = await createKey(owner, "admin");
    const deep = `{"inputs":{"prompt":${"[".repeat(50_000)}${"]".repeat(50_000)}}}`;
    const bodies = [
      deep,
      '{"inputs":{"prompt":"x","__proto__":{"polluted":true}}}',
      '{"inputs":{"constructor":{"prototype":{"polluted":true}}}}',
      '{"inputs":null}',
      "null",
      "[]",
      '"string"',
      "1e999999",
      '{"inputs":{"prompt":"\\ud800"}}',
      "",
    ];
    for (const body of bodies) {
      const answer = await post(server, "/api/workflows/my-flow/run", body, value);
      expect(answer.status, body.slice(0, 40)).toBeLessThan(500);
      expect(answer.text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(() => JSON.parse(answer.text)).not.toThrow();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses JSON nested deeper than 64 levels with 400 on REST and GraphQL, and runs what nests less", async () => {
    const open = { type: "object", required: ["prompt"], properties: { prompt: { type: "string" } } };
    await createWorkflow(owner, "open-flow", { definition: { ...PROMPT_TO_IMAGE, inputSchema: open } });
    const { value } = await createKey(owner, "admin");
    const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

    const deep = await post(server, "/api/workflows/open-flow/run", `{"inputs":{"prompt":"x","extra":${nested(200_000)}}}`, value);
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.text)).toEqual({
      error: "Bad Request",
      code: "INVALID_INPUT",
      details: [{ path: "", message: "JSON may nest at most 64 levels deep" }],
    });
    const fine = await post(server, "/api/workflows/open-flow/run", `{"inputs":{"prompt":"x","extra":${nested(60)}}}`, value);
    expect(fine.status).toBe(200);

    const graphql = await post(
      server,
      "/graphql",
      `{"query":"mutation($i: JSON!) { runWorkflow(id: \\"open-flow\\", inputs: $i) { status } }","variables":{"i":{"prompt":"x","extra":${nested(5_000)}}}}`,
      value,
    );
    expect(graphql.status).toBe(400);
    expect(JSON.parse(graphql.text).errors[0].extensions).toEqual({
      code: "BAD_USER_INPUT",
      details: [{ path: "", message: "JSON may nest at most 64 levels deep" }],
    });
  });

  it("hides another account's private workflow from GraphQL too", async () => {
    const { value } = await createKey(owner, "admin");
    const client = new Client(server.url, value);
    for (const id of [`${other.handle}/their-private-flow`, "their-private-flow"]) {
      const response = await client.request("GET", `/api/workflows/${id}/schema`);
      expect(response.status).toBe(404);
      expect((await client.graphql(WorkflowSchema, { id })).errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    }
  });
});
