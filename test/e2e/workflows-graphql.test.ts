import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { nodes } from "../support/pages.js";
import { startServer, type TestServer } from "../support/server.js";
import {
  CreateWorkflow,
  DeleteWorkflow,
  RunById,
  RunWorkflow,
  UpdateWorkflow,
  WorkflowBasics,
  WorkflowSchema,
  Workflows,
} from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE, createWorkflow } from "../support/workflows.js";

describe("workflows over GraphQL", () => {
  let server: TestServer;
  let owner: SignedIn;
  let admin: Client;
  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server, { tier: "business" });
    admin = new Client(server.url, (await createKey(owner, "admin")).value);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("creates a draft, runs it with an admin key, deploys it, and reads the run back", async () => {
    const created = await admin.graphql(CreateWorkflow, {
      input: { id: "text-pipeline", name: "Text pipeline", visibility: "public", ...textPipeline() },
    });
    expect(created.data?.createWorkflow).toEqual({ id: `${owner.handle}/text-pipeline`, status: "draft", visibility: "public" });
    const ran = await admin.graphql(RunWorkflow, { id: "text-pipeline", inputs: { who: "Grace" } });
    expect(ran.data?.runWorkflow).toMatchObject({
      status: "succeeded",
      outputs: { text: "Dear Grace, welcome.", words: 3 },
      error: null,
    });
    const run = await admin.graphql(RunById, { id: ran.data!.runWorkflow.id });
    expect(run.data?.run).toMatchObject({ workflowId: `${owner.handle}/text-pipeline`, inputs: { who: "Grace" } });
  });

  it("lists own workflows and public deployed ones, and shows steps to the owner only", async () => {
    await createWorkflow(owner, "listed-public", { visibility: "public" });
    const stranger = await signUp(server, { tier: "pro" });
    const strangerKey = new Client(server.url, (await createKey(stranger, "deployment")).value);
    const seen = nodes((await strangerKey.graphql(Workflows, { first: 100 })).data?.workflows).map((w) => w.id);
    expect(seen).toContain(`${owner.handle}/listed-public`);
    expect(seen).toContain("knouds/hello-world");
    expect(seen).not.toContain(`${owner.handle}/text-pipeline`);
    const basics = await strangerKey.graphql(WorkflowBasics, { id: `${owner.handle}/listed-public` });
    expect(basics.data?.workflow).toMatchObject({ status: "deployed", steps: null });
    expect((await admin.graphql(WorkflowBasics, { id: "listed-public" })).data?.workflow.steps).toEqual(PROMPT_TO_IMAGE.steps);
  });

  it("gives the input schema of a workflow through workflow(id)", async () => {
    await createWorkflow(owner, "schema-flow");
    const deployment = new Client(server.url, (await createKey(owner, "deployment")).value);
    const answer = await deployment.graphql(WorkflowSchema, { id: "schema-flow" });
    expect(answer.data?.workflow.inputSchema).toEqual(PROMPT_TO_IMAGE.inputSchema);
  });

  it("refuses bad definitions with BAD_USER_INPUT details naming each problem", async () => {
    const answer = await admin.graphql(CreateWorkflow, {
      input: {
        id: "Bad Id!",
        name: "",
        inputSchema: { type: "object" },
        steps: [
          { id: "a", model: "knouds/nope", inputs: {} },
          { id: "b", model: "knouds/echo", inputs: { text: { from: "steps.later.text" } } },
        ],
        outputs: { x: { from: "input" } },
      },
    });
    expect(answer.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    const paths = ((answer.errors?.[0]?.extensions.details ?? []) as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "name"]));

    const refs = await admin.graphql(CreateWorkflow, {
      input: {
        id: "bad-refs",
        name: "Bad refs",
        inputSchema: { type: "object" },
        steps: [
          { id: "a", model: "knouds/nope", inputs: {} },
          { id: "b", model: "knouds/echo", inputs: { text: { from: "steps.later.text" } } },
        ],
        outputs: { x: { from: "nowhere.at.all" } },
      },
    });
    expect(refs.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      details: expect.arrayContaining([
        { path: "steps.0.model", message: 'unknown model "knouds/nope"' },
        { path: "steps.1.inputs.text", message: expect.stringContaining("steps.later.text") },
        { path: "outputs.x", message: expect.stringContaining("nowhere.at.all") },
      ]),
    });

    const badSchema = await admin.graphql(CreateWorkflow, {
      input: { id: "bad-schema", name: "x", ...PROMPT_TO_IMAGE, inputSchema: { type: "no-such-type" } },
    });
    expect(badSchema.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "inputSchema.type" }] });
    const garbage = await admin.graphql(CreateWorkflow, {
      input: { id: "garbage", name: "x", inputSchema: "nope", steps: 42, outputs: [] },
    });
    expect(garbage.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });

  it("refuses regular expressions and $async in input schemas, and keeps each tenant's $id to itself", async () => {
    for (const [inputSchema, message] of [
      [{ type: "object", properties: { code: { type: "string", pattern: "^(a|a)*$" } } }, '"pattern" is not supported'],
      [{ type: "object", patternProperties: { "^x": { type: "string" } } }, '"patternProperties" is not supported'],
      [{ $async: true, type: "object" }, "$async"],
      [{ $async: 1, type: "object" }, "$async"],
      [{ type: "object", properties: { a: { $async: true, type: "string" } } }, "async schema"],
      [{ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" }, "no schema with key or ref"],
    ] as const) {
      const answer = await admin.graphql(CreateWorkflow, { input: { id: "regex-flow", name: "x", ...PROMPT_TO_IMAGE, inputSchema } });
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        // The path names where in the schema when the rule knows it (inputSchema.properties.code.pattern).
        details: [{ path: expect.stringMatching(/^inputSchema/), message: expect.stringContaining(message) }],
      });
    }
    // Two tenants may use the same $id; neither can reach the other's schema by it.
    const withId = { ...PROMPT_TO_IMAGE.inputSchema, $id: "https://example.com/prompt" };
    const other = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "id-one", { definition: { ...PROMPT_TO_IMAGE, inputSchema: withId } });
    await createWorkflow(other, "id-two", { definition: { ...PROMPT_TO_IMAGE, inputSchema: withId } });
    expect((await admin.graphql(RunWorkflow, { id: "id-one", inputs: { prompt: "x" } })).data?.runWorkflow.status).toBe("succeeded");
    const borrowing = await admin.graphql(CreateWorkflow, {
      input: { id: "borrow", name: "x", ...PROMPT_TO_IMAGE, inputSchema: { $ref: "https://example.com/prompt" } },
    });
    expect(borrowing.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });

  it("answers 400, not 500, for a stored workflow whose schema a later rule refuses", async () => {
    // Written straight to the store, as a workflow saved before `pattern` was refused would be.
    const now = Date.now();
    await server.server.services.store.workflows.create({
      ...PROMPT_TO_IMAGE,
      inputSchema: { type: "object", properties: { prompt: { type: "string", pattern: "^a+$" } } },
      id: `${owner.handle}/legacy-pattern`,
      slug: "legacy-pattern",
      accountId: owner.accountId,
      name: "legacy",
      description: "",
      status: "deployed",
      visibility: "private",
      createdAt: now,
      updatedAt: now,
    } as never);
    const answer = await admin.request("POST", "/api/workflows/legacy-pattern/run", { inputs: { prompt: "aaa" } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: "INVALID_INPUT",
      details: [{ path: "inputSchema.properties.prompt.pattern", message: expect.stringContaining('"pattern" is not supported') }],
    });
  });

  it("refuses a duplicate id with CONFLICT", async () => {
    await createWorkflow(owner, "taken-id");
    const answer = await admin.graphql(CreateWorkflow, { input: { id: "taken-id", name: "again", ...PROMPT_TO_IMAGE } });
    expect(answer.errors?.[0]?.extensions.code).toBe("CONFLICT");
  });

  it("validates run inputs against the updated schema right after an update", async () => {
    await createWorkflow(owner, "evolving");
    expect((await admin.graphql(RunWorkflow, { id: "evolving", inputs: { prompt: "x" } })).data?.runWorkflow.status).toBe("succeeded");
    const updated = await admin.graphql(UpdateWorkflow, {
      id: "evolving",
      input: { inputSchema: { ...PROMPT_TO_IMAGE.inputSchema, properties: { prompt: { type: "string", minLength: 5 } } } },
    });
    expect(updated.errors).toBeUndefined();
    const tooShort = await admin.graphql(RunWorkflow, { id: "evolving", inputs: { prompt: "x" } });
    expect(tooShort.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "inputs.prompt" }] });
  });

  it("answers BAD_USER_INPUT, never a 500, to inputs of the wrong type or size", async () => {
    await createWorkflow(owner, "typed");
    for (const inputs of ["a string", 42, [1, 2], { prompt: { nested: true } }, { prompt: "x".repeat(600) }]) {
      const answer = await admin.graphql(RunWorkflow, { id: "typed", inputs });
      expect(answer.status).toBeLessThan(500);
      expect(answer.errors?.[0]?.extensions.code, JSON.stringify(inputs).slice(0, 30)).toBe("BAD_USER_INPUT");
      expect(answer.text).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it("deletes a workflow; running it afterwards is NOT_FOUND", async () => {
    await createWorkflow(owner, "short-lived");
    expect((await admin.graphql(DeleteWorkflow, { id: "short-lived" })).data?.deleteWorkflow.id).toBe(`${owner.handle}/short-lived`);
    const after = await admin.graphql(RunWorkflow, { id: "short-lived", inputs: { prompt: "x" } });
    expect(after.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
  });
});

/** Two steps: a template, then text stats over the template's text. */
function textPipeline() {
  return {
    inputSchema: {
      type: "object",
      required: ["who"],
      properties: { who: { type: "string", maxLength: 50 } },
      additionalProperties: false,
    },
    steps: [
      { id: "letter", model: "knouds/template", inputs: { template: { value: "Dear {{who}}, welcome." }, values: { from: "input" } } },
      { id: "stats", model: "knouds/text-stats", inputs: { text: { from: "steps.letter.text" } } },
    ],
    outputs: { text: { from: "steps.letter.text" }, words: { from: "steps.stats.words" } },
  };
}
