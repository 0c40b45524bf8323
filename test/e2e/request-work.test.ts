/**
 * What one request can make the server do in all is bounded, not only what one field can:
 * filtered run lists (runs looked at), definitions (input schemas analysed and compiled) and
 * run inputs (checks against input schemas), whatever the aliases and variables. Documents
 * asking for more than the allowance are refused by the cost limit before anything runs; what
 * the cost cannot see is refused by the allowance as it is spent. The heaviest request a client
 * may send, sent again and again, makes the server do no more than the allowance each time,
 * counted where the work is done (runs the store is asked to look at, characters of schemas
 * Ajv compiles, checks of run inputs), and a request refused by its cost makes it do none:
 * counts, not clock time, so the outcome does not depend on how busy the machine is. (What
 * the allowance costs in time is measured by `npm run bench`, not asserted here.)
 */
import { Ajv } from "ajv";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "../../src/domain/ids.js";
import { inputSchemaCost } from "../../src/domain/input-schema-cost.js";
import { REQUEST_WORK_LIMITS, RequestWork, type RequestWorkKind } from "../../src/domain/request-work.js";
import { INPUT_SCHEMA_LIMITS } from "../../src/domain/workflow-limits.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow } from "../support/workflow-operations.js";

/** How many times the heaviest requests are sent in a row, each counted on its own. */
const REPEATS = 3;
const ALIASES = 15;
const ECHO_STEPS = [{ id: "say", model: "knouds/echo", inputs: { text: { value: "hi" } } }];
const OUTPUTS = { said: { from: "steps.say.text" } };

/** An input schema of about 15.5 KB that takes milliseconds to compile; `tag` makes it distinct. */
function heavySchema(tag: string): Record<string, unknown> {
  const property = { type: "string", minLength: 1, maxLength: 9, minimum: 1, maximum: 9, multipleOf: 1, title: `${tag}-`.padEnd(330, "t") };
  const wide = { type: "object", properties: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, property])) };
  return { definitions: { wide }, allOf: Array.from({ length: 85 }, () => ({ $ref: "#/definitions/wide" })) };
}

function aliased(field: (i: number) => string, count = ALIASES): string {
  return Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join(" ");
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string } }>;
}

describe("the work one request can make", () => {
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

  async function send(
    client: Client,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Answer & { status: number; text: string }> {
    const answer = await client.request("POST", "/graphql", { query, variables });
    return { ...(answer.body as Answer), status: answer.status, text: answer.text };
  }

  interface Work {
    /** Runs the store was asked to look at by filtered run lists (their scan limits). */
    scannedRuns: number;
    /** JSON characters of the schemas Ajv compiled. */
    compiledSchemaChars: number;
    /** Checks of run inputs against input schemas, charged just before they are made. */
    validationChecks: number;
  }

  /**
   * Sends `request` REPEATS times, one after another, and answers the work each one made the
   * server do, counted by watching (never replacing) the calls that do it: the store's run
   * listing, Ajv's compile, and the charge of input checks made right before they run.
   */
  async function workPerRequest(request: (client: Client) => Promise<unknown>): Promise<Work[]> {
    const client = new Client(server.url, (await createKey(owner, "admin", "counted")).value);
    const listings = vi.spyOn(server.server.services.store.runs, "listByAccount");
    const compiles = vi.spyOn(Ajv.prototype, "compile");
    const charges = vi.spyOn(RequestWork.prototype, "charge");
    try {
      const counted: Work[] = [];
      for (let i = 0; i < REPEATS; i++) {
        for (const spy of [listings, compiles, charges]) spy.mockClear();
        await request(client);
        counted.push({
          scannedRuns: listings.mock.calls
            .filter(([, filter]) => filter.workflowId !== undefined || filter.status !== undefined)
            .reduce((sum, call) => sum + (call[3] ?? 0), 0),
          compiledSchemaChars: compiles.mock.calls.reduce((sum, [schema]) => sum + JSON.stringify(schema).length, 0),
          // Only charges that went through: a refused one (it throws) does no checks.
          validationChecks: charges.mock.calls
            .filter(([kind], at) => kind === ("validationChecks" satisfies RequestWorkKind) && charges.mock.results[at]?.type === "return")
            .reduce((sum, [, amount]) => sum + amount, 0),
        });
      }
      return counted;
    } finally {
      listings.mockRestore();
      compiles.mockRestore();
      charges.mockRestore();
    }
  }

  /** Every request did some of `kind` (so the count sees it) and none more than the allowance. */
  function expectWithinAllowance(work: Work[], kind: keyof Work, allowance: number) {
    expect(work).toHaveLength(REPEATS);
    for (const one of work) {
      expect(one[kind]).toBeGreaterThan(0);
      expect(one[kind]).toBeLessThanOrEqual(allowance);
    }
  }

  const NO_WORK: Work = { scannedRuns: 0, compiledSchemaChars: 0, validationChecks: 0 };

  function expectCostRefusal(answer: Answer & { text: string }) {
    expect(answer.data ?? null, answer.text.slice(0, 300)).toBeNull();
    expect(answer.errors?.[0]?.extensions.code, answer.text.slice(0, 300)).toBe("BAD_USER_INPUT");
    expect(answer.errors?.[0]?.message).toMatch(/^This operation costs \d+, over the limit/);
  }

  it("refuses 15 filtered run lists over a long history by their cost before any scan; two filtered lists a request look at no more than the allowance, every time", async () => {
    // 10,335 runs of another workflow, written straight into the serving store's file.
    const db = new Database(join(server.dataDir, "knouds.db"));
    const insert = db.prepare(
      `INSERT INTO runs (id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at)
       VALUES (?, ?, 'key_filler', 'someone/else', NULL, 'succeeded', '{}', '{}', NULL, ?, ?)`,
    );
    const since = Date.now() - 60_000;
    db.transaction(() => {
      for (let i = 0; i < 10_335; i++) insert.run(newId("run"), owner.accountId, since + i, since + i);
    })();
    db.close();

    const hostile = `{ ${aliased(() => 'runs(first: 1, workflowId: "nomatch-flow") { edges { node { id } } }')} }`;
    expectCostRefusal(await send(admin, hostile));
    // By status, and with the filter in a variable, the same.
    expectCostRefusal(
      await send(admin, `query($s: RunStatus) { ${aliased(() => "runs(first: 1, status: $s) { edges { cursor } }")} }`, { s: "failed" }),
    );
    // The most a request may ask: two full scans, each answered.
    const most = `{ ${aliased(() => 'runs(first: 1, workflowId: "nomatch-flow") { edges { node { id } } pageInfo { hasNextPage } }', 2)} }`;
    const allowed = await send(admin, most);
    expect(allowed.errors, allowed.text).toBeUndefined();
    expect(allowed.data).toEqual({
      a0: { edges: [], pageInfo: { hasNextPage: true } },
      a1: { edges: [], pageInfo: { hasNextPage: true } },
    });
    // Unfiltered lists make no scan and weigh what they answer, as before.
    const unfiltered = await send(admin, `{ ${aliased(() => "runs(first: 1) { edges { cursor } }")} }`);
    expect(unfiltered.errors, unfiltered.text).toBeUndefined();

    expectWithinAllowance(await workPerRequest((client) => send(client, most)), "scannedRuns", REQUEST_WORK_LIMITS.scannedRuns);
    // Refused by its cost: not one run looked at.
    expect(await workPerRequest((client) => send(client, hostile))).toEqual(Array(REPEATS).fill(NO_WORK));
  });

  it("refuses 15 updateWorkflow or createWorkflow aliases given one 16 KB schema by their cost, before any is compiled", async () => {
    const schema = heavySchema("shared");
    expect(JSON.stringify(schema).length).toBeGreaterThan(15_000);
    const created = await admin.graphql(CreateWorkflow, {
      input: { id: "target", name: "target", inputSchema: { type: "object" }, steps: ECHO_STEPS, outputs: OUTPUTS },
    });
    expect(created.errors, created.text).toBeUndefined();

    const update = `mutation($input: UpdateWorkflowInput!) { ${aliased(() => 'updateWorkflow(id: "target", input: $input) { id }')} }`;
    const hostile = (client: Client) => send(client, update, { input: { inputSchema: schema } });
    expectCostRefusal(await hostile(admin));
    const create = `mutation($schema: JSON!) { ${aliased((i) => `createWorkflow(input: { id: "copy-${i}", name: "copy", inputSchema: $schema, steps: ${gqlLiteral(ECHO_STEPS)}, outputs: ${gqlLiteral(OUTPUTS)} }) { id }`)} }`;
    expectCostRefusal(await send(admin, create, { schema }));
    // Nothing ran: no copy exists.
    const copy = await send(admin, '{ workflow(id: "copy-0") { id } }');
    expect(copy.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    // One update with that schema is fine.
    const one = await send(admin, `mutation($input: UpdateWorkflowInput!) { updateWorkflow(id: "target", input: $input) { id } }`, {
      input: { inputSchema: schema },
    });
    expect(one.errors, one.text).toBeUndefined();

    // Refused by its cost: not one schema compiled.
    expect(await workPerRequest(hostile)).toEqual(Array(REPEATS).fill(NO_WORK));
  });

  it("compiles the input schemas of one request's updates and runs up to its allowance, each distinct schema once", async () => {
    // Three workflows whose stored schemas are distinct and heavy.
    for (const tag of ["h0", "h1", "h2"]) {
      const created = await admin.graphql(CreateWorkflow, {
        input: { id: tag, name: tag, inputSchema: heavySchema(tag), steps: ECHO_STEPS, outputs: OUTPUTS },
      });
      expect(created.errors, created.text).toBeUndefined();
    }
    const perSchema = JSON.stringify(heavySchema("h0")).length;
    expect(3 * perSchema).toBeGreaterThan(REQUEST_WORK_LIMITS.schemaChars);
    expect(2 * perSchema).toBeLessThanOrEqual(REQUEST_WORK_LIMITS.schemaChars);

    // An update that leaves the schema out still checks the stored one: the third is refused.
    const renames = `mutation { ${aliased((i) => `updateWorkflow(id: "h${i % 3}", input: { name: "renamed" }) { id }`)} }`;
    const renamed = await send(admin, renames);
    // Mutation fields are non-null: the refusal of the third nulls the answer and ends the request.
    expect(renamed.data ?? null).toBeNull();
    expect(renamed.errors, renamed.text.slice(0, 500)).toHaveLength(1);
    expect(renamed.errors![0]!.path).toEqual(["a2"]);
    expect(renamed.errors![0]!.extensions.code).toBe("BAD_USER_INPUT");
    expect(renamed.errors![0]!.message).toMatch(/allowance of 32,768 characters of input schemas checked and compiled/);
    // The same stored schema met again in the request is not compiled again: fifteen renames of one workflow pass.
    const same = await send(admin, `mutation { ${aliased(() => 'updateWorkflow(id: "h0", input: { name: "again" }) { id }')} }`);
    expect(same.errors, same.text.slice(0, 500)).toBeUndefined();

    // Running workflows whose validators this instance has not compiled: the third is refused.
    const runs = `mutation { ${aliased((i) => `runWorkflow(id: "h${i % 3}", inputs: {}) { status }`, 3)} }`;
    const ran = await send(admin, runs);
    expect(
      ran.errors?.map((e) => e.path),
      ran.text.slice(0, 500),
    ).toEqual([["a2"]]);
    expect(ran.errors![0]!.message).toMatch(/characters of input schemas checked and compiled/);
    // Two of them ran.
    const listed = await send(
      admin,
      '{ a: runs(first: 5, workflowId: "h0") { edges { cursor } } b: runs(first: 5, workflowId: "h1") { edges { cursor } } }',
    );
    expect(listed.data, listed.text).toEqual({ a: { edges: [expect.anything()] }, b: { edges: [expect.anything()] } });

    expectWithinAllowance(await workPerRequest((client) => send(client, renames)), "compiledSchemaChars", REQUEST_WORK_LIMITS.schemaChars);
  });

  it("counts the checks of every run's inputs in a request together: one variable given to 15 runs is checked once in full", async () => {
    const schema = { type: "object", properties: { xs: { type: "array", items: { type: "number", minimum: 1 } } } };
    const created = await admin.graphql(CreateWorkflow, {
      input: { id: "many-numbers", name: "n", inputSchema: schema, steps: ECHO_STEPS, outputs: OUTPUTS },
    });
    expect(created.errors, created.text).toBeUndefined();
    const cost = inputSchemaCost(schema);
    if (!cost.bounded) throw new Error("bounded schema expected");
    // As heavy as one run may be: the object, the array and its numbers.
    const heaviest = Math.floor(INPUT_SCHEMA_LIMITS.validationChecks / cost.checksPerValue) - 2;
    const inputs = { xs: Array(heaviest).fill(1) };
    const query = `mutation($inputs: JSON!) { ${aliased(() => 'runWorkflow(id: "many-numbers", inputs: $inputs) { status }')} }`;
    const hostile = (client: Client) => send(client, query, { inputs });
    const answer = await hostile(admin);
    // The first run is checked; the second would go past the request's checks and ends the request.
    expect(
      answer.errors?.map((e) => e.path),
      answer.text.slice(0, 500),
    ).toEqual([["a1"]]);
    expect(answer.errors![0]!.extensions.code).toBe("BAD_USER_INPUT");
    expect(answer.errors![0]!.message).toMatch(/allowance of 100,000 checks of run inputs against input schemas/);
    const listed = await send(admin, '{ runs(first: 20, workflowId: "many-numbers") { edges { node { status } } } }');
    expect(listed.data, listed.text).toEqual({ runs: { edges: [{ node: { status: "succeeded" } }] } });
    expectWithinAllowance(await workPerRequest(hostile), "validationChecks", REQUEST_WORK_LIMITS.validationChecks);
  });

  it("weighs run inputs given to runModel once per alias", async () => {
    const query = `mutation($inputs: JSON!) { ${aliased(() => 'runModel(id: "knouds/echo", inputs: $inputs) { status }')} }`;
    expectCostRefusal(await send(admin, query, { inputs: { text: "x".repeat(200_000) } }));
  });
});

/** A GraphQL literal of a JSON value. */
function gqlLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(gqlLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${gqlLiteral(v)}`)
      .join(", ")} }`;
  }
  return JSON.stringify(value);
}
