/**
 * docs/workflows.md#input-schemas-what-is-refused-and-why: a tenant's input schema and inputs cannot stall the server. Schemas whose
 * validation cost has no bound are refused at create with BAD_USER_INPUT naming the keyword;
 * one stored before the rule answers 400 at once; /healthz keeps answering meanwhile. Also the
 * definition size caps, control characters in names, and bindings that would reach
 * `__proto__`, `constructor` or `prototype`.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workflow } from "../../src/domain/workflow.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { slowestHealthzWhile } from "../support/healthz-probe.js";
import { CreateApiKey, SignUp } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow, RunWorkflow } from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE, type DefinitionInput } from "../support/workflows.js";

/** Two branches that each recurse on the same value, so each level doubles the work. */
const FANNING_RECURSION = {
  definitions: {
    d: { allOf: [{ properties: { a: { $ref: "#/definitions/d" } } }, { properties: { a: { $ref: "#/definitions/d" } } }] },
  },
  $ref: "#/definitions/d",
};
const UNIQUE_ARRAYS = { type: "object", properties: { a: { type: "array", uniqueItems: true } } };
const ECHO_STEPS = [{ id: "say", model: "knouds/echo", inputs: { text: { value: "hi" } } }];
const STALL_MS = 250;

function nestedA(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function definition(inputSchema: Record<string, unknown>): DefinitionInput {
  return { inputSchema, steps: ECHO_STEPS, outputs: { said: { from: "steps.say.text" } } };
}

interface Refusal {
  path: string;
  message: string;
}

describe("tenant input schemas and definitions", () => {
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

  async function create(id: string, def: DefinitionInput, name = id) {
    return admin.graphql(CreateWorkflow, { input: { id, name, visibility: "public", ...def } });
  }

  async function refusalOf(def: DefinitionInput): Promise<Refusal[]> {
    const created = await create(`refused-${randomUUID().slice(0, 8)}`, def);
    expect(created.errors?.[0]?.extensions.code, created.text).toBe("BAD_USER_INPUT");
    return created.errors![0]!.extensions.details as Refusal[];
  }

  /** A workflow as it would be stored by an earlier version, before a rule refused its schema. */
  async function storedBeforeTheRule(id: string, inputSchema: Record<string, unknown>, extra: Partial<Workflow> = {}): Promise<void> {
    const now = Date.now();
    await server.server.services.store.workflows.create({
      id: `${owner.handle}/${id}`,
      slug: id,
      accountId: owner.accountId,
      name: id,
      description: "",
      status: "deployed",
      visibility: "public",
      ...definition(inputSchema),
      createdAt: now,
      updatedAt: now,
      ...extra,
    } as Workflow);
  }

  it("refuses a fanning-out $ref recursion at create with BAD_USER_INPUT naming the keyword and path", async () => {
    const [problem] = await refusalOf(definition(FANNING_RECURSION));
    expect(problem!.path).toBe("inputSchema.definitions.d.allOf");
    expect(problem!.message).toMatch(/^"allOf" makes checking one input value cost up to [\d,]+ checks .*recursing through \$ref/);
  });

  it("answers 400 at once for a stored workflow with that schema while /healthz keeps answering", async () => {
    await storedBeforeTheRule("stored-recursion", FANNING_RECURSION);
    const { result, slowestMs } = await slowestHealthzWhile(server.url, () =>
      admin.request("POST", "/api/workflows/stored-recursion/run", { inputs: nestedA(26) }),
    );
    expect(result.status, result.text).toBe(400);
    expect(result.body).toMatchObject({
      code: "INVALID_INPUT",
      details: [
        {
          path: "inputSchema.definitions.d.allOf",
          message: expect.stringMatching(/^this workflow's input schema cannot be used \("allOf" .*its owner must update it$/),
        },
      ],
    });
    expect(slowestMs).toBeLessThan(STALL_MS);
  });

  it("refuses uniqueItems over non-scalar items at create, and a stored one run by another account does not stall", async () => {
    const [problem] = await refusalOf(definition(UNIQUE_ARRAYS));
    expect(problem).toEqual({
      path: "inputSchema.properties.a.uniqueItems",
      message: expect.stringMatching(/^"uniqueItems" needs "items" with a scalar "type"/),
    });

    await storedBeforeTheRule("stored-unique-arrays", UNIQUE_ARRAYS);
    const stranger = await signUp(server, { tier: "pro" });
    const deployment = new Client(server.url, (await createKey(stranger, "deployment")).value);
    const inputs = { a: Array.from({ length: 20_000 }, (_, i) => [i]) };
    const { result, slowestMs } = await slowestHealthzWhile(server.url, () =>
      deployment.request("POST", `/api/workflows/${owner.handle}/stored-unique-arrays/run`, { inputs }),
    );
    expect(result.status, result.text.slice(0, 300)).toBe(400);
    expect(slowestMs).toBeLessThan(STALL_MS);
  });

  it("accepts uniqueItems over scalar items and checks 20,000 of them without stalling", async () => {
    const schema = { type: "object", properties: { a: { type: "array", uniqueItems: true, items: { type: "integer" } } } };
    expect((await create("unique-ints", definition(schema))).errors).toBeUndefined();
    const { result, slowestMs } = await slowestHealthzWhile(server.url, async () => [
      await admin.request("POST", "/api/workflows/unique-ints/run", { inputs: { a: Array.from({ length: 20_000 }, (_, i) => i) } }),
      await admin.request("POST", "/api/workflows/unique-ints/run", {
        inputs: { a: Array.from({ length: 20_000 }, (_, i) => i % 19_999) },
      }),
    ]);
    expect(result[0]!.status, result[0]!.text).toBe(200);
    expect(result[1]!.status).toBe(400);
    expect(result[1]!.body).toMatchObject({ details: [{ path: "inputs.a", message: expect.stringMatching(/duplicate items/) }] });
    expect(slowestMs).toBeLessThan(STALL_MS);
  });

  it("compiles one large definition referenced from many places without stalling (a $ref is a call, not a copy)", async () => {
    const property = { type: "string", minLength: 1, maxLength: 9, minimum: 1, maximum: 9, multipleOf: 1, title: "t" };
    const wide = { type: "object", properties: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, property])) };
    const schema = { definitions: { wide }, allOf: Array.from({ length: 85 }, () => ({ $ref: "#/definitions/wide" })) };
    const { result, slowestMs } = await slowestHealthzWhile(server.url, () => create("many-refs", definition(schema)));
    expect(result.errors, result.text).toBeUndefined();
    expect(slowestMs).toBeLessThan(STALL_MS);
  });

  it("refuses inputs heavier than the schema's bound before checking them", async () => {
    const schema = { type: "object", properties: { xs: { type: "array", items: { type: "number", minimum: 1 } } } };
    expect((await create("many-numbers", definition(schema))).errors).toBeUndefined();
    const { result, slowestMs } = await slowestHealthzWhile(server.url, () =>
      admin.request("POST", "/api/workflows/many-numbers/run", `{"inputs":{"xs":[${Array(50_000).fill(0).join(",")}]}}`),
    );
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      details: [
        { path: "inputs", message: expect.stringMatching(/^are too large for this workflow's input schema: they may weigh at most \d+/) },
      ],
    });
    expect(slowestMs).toBeLessThan(STALL_MS);
    const fine = await admin.request("POST", "/api/workflows/many-numbers/run", { inputs: { xs: Array(1000).fill(1) } });
    expect(fine.status, fine.text).toBe(200);
  });

  it("refuses huge enums and literals, references that never descend, remote references, nested $id and object defaults", async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ enum: Array.from({ length: 501 }, (_, i) => i) }, "inputSchema.enum", /^"enum" lists at most 500 values/],
      [{ const: { a: Array(3000).fill(1) } }, "inputSchema.const", /^"const" may weigh at most 2000/],
      [{ $ref: "#" }, "inputSchema.$ref", /^"\$ref" leads back to the same subschema without descending into the input/],
      [
        { definitions: { d: { anyOf: [{ $ref: "#/definitions/d" }] } }, $ref: "#/definitions/d" },
        "inputSchema.definitions.d.anyOf.0.$ref",
        /infinite recursion/,
      ],
      [{ $ref: "https://example.com/schema.json" }, "inputSchema.$ref", /only references inside the schema/],
      [{ properties: { a: { $id: "#inner", type: "string" } } }, "inputSchema.properties.a.$id", /^"\$id" is only allowed at the root/],
      [
        { definitions: { d: { type: "object", properties: { a: { $ref: "#/definitions/d", default: {} } } } }, $ref: "#/definitions/d" },
        "inputSchema.definitions.d.properties.a.default",
        /^"default" must be a string, number, boolean or null/,
      ],
      [
        { properties: { p: { type: "string", pattern: "^(a+)+$" } } },
        "inputSchema.properties.p.pattern",
        /regular expressions are not run/,
      ],
    ];
    for (const [schema, path, message] of cases) {
      const [problem] = await refusalOf(definition(schema));
      expect(problem, JSON.stringify(schema)).toEqual({ path, message: expect.stringMatching(message) });
    }
  });

  it("refuses GraphQL inline JSON literals nested deeper than 64 levels, as it does variables", async () => {
    const open = { type: "object" };
    expect((await create("open-inline", definition(open))).errors).toBeUndefined();
    const literal = (levels: number) => `${"{a: ".repeat(levels)}1${"}".repeat(levels)}`;
    const run = (levels: number) =>
      admin.request("POST", "/graphql", { query: `mutation { runWorkflow(id: "open-inline", inputs: ${literal(levels)}) { status } }` });
    const deep = await run(70);
    expect(deep.body, deep.text).toMatchObject({
      errors: [{ extensions: { code: "BAD_USER_INPUT", details: [{ path: "", message: "JSON may nest at most 64 levels deep" }] } }],
    });
    const fine = await run(60);
    expect(fine.body, fine.text).toEqual({ data: { runWorkflow: { status: "succeeded" } } });
  });

  it("caps the size of a definition: input schema, bindings, whole definition", async () => {
    const bigSchema = {
      type: "object",
      properties: Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [`field${i}`, { type: "string", description: "x".repeat(150) }]),
      ),
    };
    expect(await refusalOf(definition(bigSchema))).toEqual([
      { path: "inputSchema", message: "an input schema is at most 16384 characters of JSON" },
    ]);

    const outputs = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`o${i}`, { from: "steps.say.text" }]));
    expect(await refusalOf({ inputSchema: { type: "object" }, steps: ECHO_STEPS, outputs })).toEqual([
      { path: "outputs", message: "at most 64 bindings" },
    ]);

    const bulky = { inputSchema: { type: "object" }, steps: ECHO_STEPS, outputs: { big: { value: "x".repeat(70_000) } } };
    expect(await refusalOf(bulky)).toEqual([
      { path: "", message: "a workflow definition (inputSchema, steps, outputs) is at most 65536 characters of JSON" },
    ]);
  });

  it("refuses control characters in emails, account names, key names and workflow names", async () => {
    const visitor = new Client(server.url);
    const badEmail = await visitor.graphql(SignUp, { input: { email: "a\u0000b@x.com", password: "correct horse battery" } });
    expect(badEmail.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      details: [{ path: "email", message: "must not contain control characters" }],
    });
    const badName = await visitor.graphql(SignUp, {
      input: { email: `n-${randomUUID()}@x.com`, password: "correct horse battery", name: "Eve\u001b[31m" },
    });
    expect(badName.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      details: [{ path: "name", message: "must not contain control characters" }],
    });

    const badKey = await owner.client.graphql(CreateApiKey, { input: { name: "ci\u0000key" } });
    expect(badKey.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      details: [{ path: "name", message: "must not contain control characters" }],
    });

    const badWorkflow = await create("bidi-name", definition({ type: "object" }), "admin\u202Egnp.exe");
    expect(badWorkflow.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      details: [{ path: "name", message: "must not contain control characters" }],
    });
  });

  it("refuses bindings that reach __proto__, constructor or prototype at create", async () => {
    const viaFrom = await refusalOf({ inputSchema: { type: "object" }, steps: ECHO_STEPS, outputs: { x: { from: "input.__proto__" } } });
    expect(viaFrom).toEqual([{ path: "outputs.x.from", message: "path segments must not be __proto__, constructor or prototype" }]);
    const viaStep = await refusalOf({
      inputSchema: { type: "object" },
      steps: ECHO_STEPS,
      outputs: { x: { from: "steps.say.constructor" } },
    });
    expect(viaStep).toEqual([{ path: "outputs.x.from", message: "path segments must not be __proto__, constructor or prototype" }]);
    const viaName = await refusalOf({
      inputSchema: { type: "object" },
      steps: ECHO_STEPS,
      outputs: { constructor: { from: "steps.say.text" } },
    });
    expect(viaName).toEqual([{ path: "outputs.constructor", message: "must not be __proto__, constructor or prototype" }]);
  });

  it("never reaches them at run time, even for bindings stored before the rule", async () => {
    await storedBeforeTheRule(
      "stored-proto",
      { type: "object" },
      {
        outputs: {
          a: { from: "input.__proto__" },
          b: { from: "input.constructor" },
          c: { from: "steps.say.toString" },
          d: { from: "input.name" },
        },
      },
    );
    const ran = await admin.graphql(RunWorkflow, { id: "stored-proto", inputs: { name: "Ada" } });
    expect(ran.data?.runWorkflow, ran.text).toMatchObject({ status: "succeeded", outputs: { a: null, b: null, c: null, d: "Ada" } });
  });

  it("keeps the documented example schema working", async () => {
    expect((await create("seed-like", PROMPT_TO_IMAGE)).errors).toBeUndefined();
    const ran = await admin.request("POST", "/api/workflows/seed-like/run", { inputs: { prompt: "a mountain at dusk" } });
    expect(ran.status, ran.text).toBe(200);
  });
});
