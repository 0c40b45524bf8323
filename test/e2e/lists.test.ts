/**
 * docs/api.md#lists-a-page-at-a-time: every list is a Relay connection read a page at a time, and no request, aliases
 * included, builds an answer beyond the documented bound.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids.js";
import { FILTER_SCAN_LIMIT, PAGE_SIZE } from "../../src/domain/pages.js";
import { ANSWER_JSON_BYTES } from "../../src/graphql/answer-budget.js";
import { DOCUMENT_LIMITS } from "../../src/graphql/server/protection.js";
import { COST_UNIT_BYTES } from "../../src/graphql/cost-declarations.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { ApiKeys } from "../support/operations.js";
import { nodes } from "../support/pages.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow, DeployWorkflow, Models, RunWorkflow, Runs, Workflows } from "../support/workflow-operations.js";
import { createWorkflow, type DefinitionInput } from "../support/workflows.js";

/** Bindings are not type-checked against the schema, so `{"text": 5}` makes a failed run. */
const ECHO_ANY: DefinitionInput = {
  inputSchema: { type: "object" },
  steps: [{ id: "say", model: "knouds/echo", inputs: { text: { from: "input.text" } } }],
  outputs: { text: { from: "steps.say.text" } },
};

/** A definition whose input schema (which a Pro key may read) is about `bytes` long. */
function bulky(bytes: number): DefinitionInput {
  return { ...ECHO_ANY, inputSchema: { type: "object", description: "x".repeat(bytes) } };
}

interface Page<T> {
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Follows endCursor until hasNextPage is false; checks each page's size on the way. */
async function everyPage<T>(first: number, read: (after: string | null) => Promise<Page<T> | null | undefined>): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await read(after);
    expect(page, "a page").toBeTruthy();
    expect(page!.edges.length).toBeLessThanOrEqual(first);
    all.push(...nodes(page));
    if (!page!.pageInfo.hasNextPage) return all;
    expect(page!.edges).toHaveLength(first);
    after = page!.pageInfo.endCursor ?? null;
  }
  throw new Error("more than 1000 pages");
}

async function rawGraphQL(client: Client, query: string, variables?: Record<string, unknown>) {
  const answer = await client.request("POST", "/graphql", { query, variables });
  return { ...answer, body: answer.body as { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> } };
}

describe("lists as Relay connections", () => {
  let server: TestServer;
  let owner: SignedIn;
  let admin: Client;
  let stranger: SignedIn;
  let strangerKey: Client;
  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server, { tier: "business" });
    admin = new Client(server.url, (await createKey(owner, "admin")).value);
    stranger = await signUp(server, { tier: "pro" });
    strangerKey = new Client(server.url, (await createKey(stranger, "deployment")).value);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("pages through workflows by id, each exactly once, own and public ones alike", async () => {
    const ids = ["w-07", "w-02", "w-05", "w-01", "w-06", "w-03", "w-04"];
    for (const [i, id] of ids.entries()) {
      await createWorkflow(owner, id, { visibility: i % 2 === 0 ? "public" : "private", definition: ECHO_ANY });
    }
    const mine = await everyPage(3, async (after) => (await admin.graphql(Workflows, { first: 3, after })).data?.workflows);
    const address = (slug: string) => `${owner.handle}/${slug}`;
    expect(mine.map((w) => w.id)).toEqual(["knouds/hello-world", ...ids.map(address)].sort());
    // Another account's deployment key: the public ones and the example, by id, each once.
    const seen = await everyPage(2, async (after) => (await strangerKey.graphql(Workflows, { first: 2, after })).data?.workflows);
    const publicOnes = ids.filter((_, i) => i % 2 === 0);
    expect(seen.map((w) => w.id)).toEqual(["knouds/hello-world", ...publicOnes.map(address)].sort());
  });

  it("pages through the signed-in account's keys newest first, each exactly once", async () => {
    const account = await signUp(server, { tier: "business" });
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await createKey(account, "free", `key ${i}`)).id);
    const listed = await everyPage(3, async (after) => (await account.client.graphql(ApiKeys, { first: 3, after })).data?.apiKeys);
    expect(listed.map((k) => k.id).sort()).toEqual([...created].sort());
    const order = listed.map((k) => [Date.parse(k.createdAt), k.id] as const);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1)));
    expect(listed.map((k) => k.name)).toEqual(created.map((_, i) => `key ${i}`).reverse());
  });

  it("pages through the model registry by id, each exactly once", async () => {
    const models = await everyPage(1, async (after) => (await strangerKey.graphql(Models, { first: 1, after })).data?.models);
    const ids = models.map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(["knouds/echo", "knouds/svg-image", "knouds/template", "knouds/text-stats"]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lists the caller's runs newest first, by workflow and by status, and never another account's", async () => {
    const account = await signUp(server, { tier: "business" });
    await createWorkflow(account, "runs-a", { definition: ECHO_ANY });
    await createWorkflow(account, "runs-b", { definition: ECHO_ANY });
    const free = new Client(server.url, (await createKey(account, "free")).value);
    const other = new Client(server.url, (await createKey(account, "admin")).value);
    const ran: Array<{ id: string; workflowId: string; status: string }> = [];
    for (let i = 0; i < 9; i++) {
      const workflowId = i % 3 === 0 ? "runs-b" : "runs-a";
      const inputs = { text: i % 2 === 0 ? `run ${i}` : i }; // odd runs fail in the echo step
      const answer = await (i % 2 === 0 ? free : other).graphql(RunWorkflow, { id: workflowId, inputs });
      ran.push({ id: answer.data!.runWorkflow.id, workflowId, status: answer.data!.runWorkflow.status });
    }
    expect(new Set(ran.map((r) => r.status))).toEqual(new Set(["succeeded", "failed"]));
    // Another account's runs, of a workflow with the same slug and of the public example.
    await createWorkflow(owner, "runs-a", { definition: ECHO_ANY });
    await admin.graphql(RunWorkflow, { id: "runs-a", inputs: { text: "theirs" } });
    await admin.graphql(RunWorkflow, { id: "knouds/hello-world", inputs: { name: "Eve" } });

    const newestFirst = [...ran].reverse();
    const filters = [{}, { workflowId: "runs-a" }, { status: "failed" as const }, { workflowId: "runs-b", status: "succeeded" as const }];
    for (const filter of filters) {
      const expected = newestFirst.filter(
        (r) => (!("workflowId" in filter) || r.workflowId === filter.workflowId) && (!("status" in filter) || r.status === filter.status),
      );
      const listed = await everyPage(2, async (after) => (await other.graphql(Runs, { first: 2, after, ...filter })).data?.runs);
      expect(
        listed.map((r) => r.id),
        JSON.stringify(filter),
      ).toEqual(expected.map((r) => r.id));
    }
    // Any key of the account lists them all (a free key's budget is 10 a minute: one page).
    expect(nodes((await free.graphql(Runs, { first: 100 })).data?.runs).map((r) => r.id)).toEqual(newestFirst.map((r) => r.id));
    // The other account sees only its own run, never these.
    const theirs = nodes((await admin.graphql(Runs, { first: 100 })).data?.runs).map((r) => r.id);
    expect(theirs.some((id) => ran.some((r) => r.id === id))).toBe(false);
    expect(theirs).toHaveLength(2);
    // A full address filters the same as the bare slug.
    const byAddress = nodes((await other.graphql(Runs, { first: 100, workflowId: `${account.handle}/runs-b` })).data?.runs);
    expect(byAddress.map((r) => r.id)).toEqual(newestFirst.filter((r) => r.workflowId === "runs-b").map((r) => r.id));
  });

  it("finds a filtered run behind a long history in pages that each look at no more than the scan limit", async () => {
    const account = await signUp(server, { tier: "business" });
    await createWorkflow(account, "rare-flow", { definition: ECHO_ANY });
    const key = new Client(server.url, (await createKey(account, "admin")).value);
    const rare = (await key.graphql(RunWorkflow, { id: "rare-flow", inputs: { text: 5 } })).data!.runWorkflow;
    expect(rare.status).toBe("failed");
    // A history of 2 × FILTER_SCAN_LIMIT + 5 newer runs of another workflow, written straight
    // into the serving store's file (through HTTP it would take minutes of rate budget).
    const filler = 2 * FILTER_SCAN_LIMIT + 5;
    const db = new Database(join(server.dataDir, "knouds.db"));
    const insert = db.prepare(
      `INSERT INTO runs (id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at)
       VALUES (?, ?, 'key_filler', 'someone/else', NULL, 'succeeded', '{}', '{}', NULL, ?, ?)`,
    );
    const since = Date.now() + 1000;
    db.transaction(() => {
      for (let i = 0; i < filler; i++) insert.run(newId("run"), account.accountId, since + i, since + i);
    })();
    db.close();

    const readPage = async (after: string | null, filter: { workflowId?: string; status?: "failed" }) =>
      (await key.graphql(Runs, { first: 5, after, ...filter })).data!.runs;
    for (const filter of [{ workflowId: "rare-flow" }, { status: "failed" as const }]) {
      const pages: Array<{ ids: string[]; hasNextPage: boolean }> = [];
      let after: string | null = null;
      do {
        const page = await readPage(after, filter);
        pages.push({ ids: nodes(page).map((r) => r.id), hasNextPage: page.pageInfo.hasNextPage });
        after = page.pageInfo.endCursor ?? null;
        expect(pages.length, JSON.stringify(filter)).toBeLessThan(10);
      } while (pages.at(-1)!.hasNextPage);
      // Two pages of 10,000 runs each hold none; the third reaches the rare run and the end.
      expect(pages, JSON.stringify(filter)).toEqual([
        { ids: [], hasNextPage: true },
        { ids: [], hasNextPage: true },
        { ids: [rare.id], hasNextPage: false },
      ]);
    }
    // Unfiltered, the newest five of the history, as always.
    const newest = nodes((await key.graphql(Runs, { first: 5 })).data!.runs);
    expect(newest.map((r) => r.workflowId)).toEqual(Array(5).fill("someone/else"));
  });

  it("refuses first above 100 or below 0 with BAD_USER_INPUT, and takes 20 when it is left out", async () => {
    for (const list of ["workflows", "models", "runs"]) {
      for (const first of [PAGE_SIZE.max + 1, 1_000_000, -1]) {
        const answer = await rawGraphQL(strangerKey, `query($n: Int) { ${list}(first: $n) { edges { cursor } } }`, { n: first });
        expect(answer.status, answer.text).toBe(200);
        expect(answer.body.errors?.[0]?.extensions.code, answer.text).toBe("BAD_USER_INPUT");
        expect(answer.body.errors?.[0]?.message).toContain(`at most ${PAGE_SIZE.max}`);
      }
    }
    const keys = await rawGraphQL(owner.client, "{ apiKeys(first: 101) { edges { cursor } } }");
    expect(keys.body.errors?.[0]?.extensions.code, keys.text).toBe("BAD_USER_INPUT");
    const account = await signUp(server, { tier: "free" });
    for (let i = 0; i < PAGE_SIZE.default + 1; i++) await createKey(account, "free");
    const page = (await account.client.graphql(ApiKeys, {})).data?.apiKeys;
    expect(page?.edges).toHaveLength(PAGE_SIZE.default);
    expect(page?.pageInfo.hasNextPage).toBe(true);
  });

  it("refuses a cursor it did not make with BAD_USER_INPUT, never a 500", async () => {
    const keyCursor = (await owner.client.graphql(ApiKeys, { first: 1 })).data!.apiKeys.edges[0]!.cursor;
    const workflowCursor = (await admin.graphql(Workflows, { first: 1 })).data!.workflows.pageInfo.endCursor!;
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const bad = [
      "garbage",
      "!!!",
      "",
      "x".repeat(10_000),
      keyCursor, // another list's
      forged(["runs", { at: "soon", id: 1 }]),
      forged(["runs", { at: 1, id: "x", extra: true }]),
      forged(["runs"]),
      forged({ __proto__: { at: 1 } }),
      Buffer.from("\u0000\uffff").toString("base64url"),
    ];
    for (const after of bad) {
      const runs = await strangerKey.graphql(Runs, { first: 5, after });
      expect(runs.status, runs.text).toBe(200);
      expect(runs.errors?.[0]?.extensions.code, `${after.slice(0, 40)}: ${runs.text}`).toBe("BAD_USER_INPUT");
    }
    const models = await strangerKey.graphql(Models, { first: 5, after: workflowCursor });
    expect(models.errors?.[0]?.extensions.code, models.text).toBe("BAD_USER_INPUT");
  });
});

describe("the size of one answer", () => {
  let server: TestServer;
  let attacker: Client;
  // Public input schemas of 15 kB (the cap is 16 KiB): 100 of them are 1.5 MB a page.
  const SCHEMA_BYTES = 15_000;
  const BULKY_WORKFLOWS = 100;
  beforeAll(async () => {
    server = await startServer();
    const victim = await signUp(server, { tier: "business" });
    const builder = new Client(server.url, (await createKey(victim, "admin")).value);
    for (let i = 0; i < BULKY_WORKFLOWS; i++) {
      const id = `bulky-${String(i).padStart(3, "0")}`;
      const created = await builder.graphql(CreateWorkflow, { input: { id, name: id, visibility: "public", ...bulky(SCHEMA_BYTES) } });
      expect(created.errors, created.text).toBeUndefined();
      expect((await builder.graphql(DeployWorkflow, { id })).errors).toBeUndefined();
    }
    attacker = new Client(server.url, (await createKey(await signUp(server, { tier: "pro" }), "deployment")).value);
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** The documented bound (docs/limits.md#multi-tenant-safety): cost units plus the JSON budget. */
  const MAX_ANSWER_BYTES = DOCUMENT_LIMITS.maxCost * COST_UNIT_BYTES + ANSWER_JSON_BYTES;

  it("refuses the 15-alias query up front, whether first is written out or a variable", async () => {
    const aliases = (first: string) =>
      Array.from({ length: 15 }, (_, i) => `a${i}: workflows(first: ${first}) { edges { node { id name description inputSchema } } }`).join(
        " ",
      );
    // The same text with a small page first: a cost remembered per document must not stick.
    const small = await rawGraphQL(attacker, `query($n: Int) { ${aliases("$n")} }`, { n: 1 });
    expect(small.body.errors, small.text.slice(0, 300)).toBeUndefined();
    for (const [query, variables] of [
      [`{ ${aliases("100")} }`, undefined],
      [`query($n: Int) { ${aliases("$n")} }`, { n: 100 }],
      [`query($n: Int = 100) { ${aliases("$n")} }`, {}],
    ] as const) {
      const answer = await rawGraphQL(attacker, query, variables);
      expect(answer.body.errors?.[0]?.extensions.code, answer.text).toBe("BAD_USER_INPUT");
      expect(answer.body.errors?.[0]?.message).toMatch(/costs \d+, over the limit of 5000/);
      expect(answer.body.data ?? null).toBeNull();
      expect(answer.text.length).toBeLessThan(2000);
    }
    const defaulted = await rawGraphQL(
      attacker,
      `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: workflows { edges { node { inputSchema } } }`).join(" ")} }`,
    );
    // Leaving first out counts as the default page: 15 of those are within the cost, and the JSON
    // budget stops them.
    expect(defaulted.body.errors?.[0]?.extensions.code, defaulted.text).toBe("BAD_USER_INPUT");
    expect(defaulted.text.length).toBeLessThan(20_000);
  });

  it("counts long aliases as answer bytes", async () => {
    const alias = "a".repeat(60_000);
    const answer = await rawGraphQL(attacker, `{ workflows(first: 100) { edges { node { ${alias}: id } } } }`);
    expect(answer.body.errors?.[0]?.message, answer.text.slice(0, 300)).toMatch(/over the limit/);
  });

  it(`keeps the heaviest legal queries under the documented bound`, async () => {
    const pages = (aliases: number) =>
      `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: workflows(first: 100) { edges { node { id inputSchema } } }`).join(" ")} }`;
    // Three pages of definitions are within the cost, and past the JSON budget: a clear error.
    const definitions = await rawGraphQL(attacker, pages(3));
    expect(definitions.body.errors?.[0]?.extensions.code, definitions.text.slice(0, 300)).toBe("BAD_USER_INPUT");
    expect(definitions.body.errors?.[0]?.message).toContain("bytes of stored JSON");
    expect(definitions.text.length).toBeLessThan(MAX_ANSWER_BYTES);
    // Two are within both: the largest answer stored JSON can make here comes whole.
    const some = await rawGraphQL(attacker, pages(2));
    expect(some.body.errors, some.text.slice(0, 300)).toBeUndefined();
    expect(some.text.length).toBeGreaterThan(2 * 99 * SCHEMA_BYTES);
    expect(some.text.length).toBeLessThan(MAX_ANSWER_BYTES);
    // As many small fields as the cost allows, under every alias: the cost bound holds them.
    const fields = "id name description status visibility ownerId createdAt updatedAt";
    const wide = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: workflows(first: 9) { edges { cursor node { ${fields} } } pageInfo { endCursor } }`).join(" ")} }`;
    const answer = await rawGraphQL(attacker, wide);
    expect(answer.body.errors, answer.text.slice(0, 300)).toBeUndefined();
    expect(answer.text.length).toBeLessThan(MAX_ANSWER_BYTES);
    console.log(
      `[lists] answer sizes: definitions page refused at ${definitions.text.length} bytes, ` +
        `200 definitions ${some.text.length} bytes, 15 aliases of small fields ${answer.text.length} bytes; bound ${MAX_ANSWER_BYTES}`,
    );
  });
});
