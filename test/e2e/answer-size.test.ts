/**
 * One answer is at most cost × COST_UNIT_BYTES bytes plus the stored JSON it holds, whatever the
 * query: every list costed by the items it can hold (usage buckets, audit events, every page,
 * with `first` or `last`), every alias and long name weighed. Checked against the real server on
 * the hostile query that once answered 23 MB, and on queries generated over the whole schema.
 */
import fc from "fast-check";
import {
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isObjectType,
  isScalarType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type SelectionSetNode,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientInfo } from "../../src/audit/client.js";
import { PAGE_SIZE } from "../../src/domain/pages.js";
import { COST_EXTENSIONS } from "../../src/graphql/cost-declarations.js";
import { DOCUMENT_LIMITS } from "../../src/graphql/server/protection.js";
import { COST_UNIT_BYTES } from "../../src/graphql/cost-declarations.js";
import { queryCost } from "../../src/graphql/server/query-cost.js";
import { schema } from "../../src/graphql/schema.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { slowestHealthzWhile } from "../support/healthz-probe.js";
import { startServer, type TestServer } from "../support/server.js";
import { RunWorkflow } from "../support/workflow-operations.js";
import { createWorkflow } from "../support/workflows.js";

const STALL_MS = 250;
const RUNS = 120;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> };
}

async function post(client: Client, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const answer = await client.request("POST", "/graphql", { query, variables });
  return { status: answer.status, text: answer.text, body: answer.body as Answer["body"] };
}

/** Gives an account `count` keys, straight through the key service (the API creates 60 a minute). */
async function addKeys(server: TestServer, owner: SignedIn, count: number): Promise<void> {
  const { services } = server.server;
  const account = (await services.accounts.findById(owner.accountId))!;
  for (let i = 0; i < count; i++)
    await services.apiKeys.create(account, account, `key ${i}`, undefined, {}, clientInfo("127.0.0.1", "test"));
}

const alias = (i: number) => `A${i}`.padEnd(252, "x");
const BUCKET_FIELDS = ["start", "ok", "scopeDenied", "rateLimited", "otherErrors", "total"];
/** The reported query: 12 aliases of 252 characters on every usage bucket of 100 keys, and the same without aliases. */
const HOSTILE_USAGE = (() => {
  const aliased = (from: number) => BUCKET_FIELDS.map((field, i) => `${alias(from + i)}:${field}`).join(" ");
  return (
    `{ apiKeys(first:100){edges{node{usage{hourly{${aliased(1)}} daily{${aliased(7)}}}}}} ` +
    `b:apiKeys(first:100){edges{node{usage{hourly{${BUCKET_FIELDS.join(" ")}} daily{${BUCKET_FIELDS.join(" ")}}}}}} }`
  );
})();

describe("the cost of one answer", () => {
  let server: TestServer;
  let free: SignedIn;

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_SQLITE_SYNCHRONOUS: "normal" } });
    free = await signUp(server);
    await addKeys(server, free, 100);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`refuses the aliased usage query of 100 keys up front, and /healthz answers within ${STALL_MS} ms while a client loops it`, async () => {
    const cost = queryCost(schema, parse(HOSTILE_USAGE), undefined, undefined);
    const first = await post(free.client, HOSTILE_USAGE);
    expect(first.body.errors?.[0]?.extensions.code, first.text.slice(0, 300)).toBe("BAD_USER_INPUT");
    expect(first.body.errors?.[0]?.message).toContain(`costs ${cost}, over the limit of ${DOCUMENT_LIMITS.maxCost}`);
    expect(first.text.length).toBeLessThan(2000);
    const until = Date.now() + 3000;
    let sent = 0;
    // At most 100 sends: within the Free session budget (120 a minute), so each is costed, not refused by the budget.
    const { slowestMs, slowestWallMs } = await slowestHealthzWhile(server.url, async () => {
      while (Date.now() < until && sent < 100) {
        const answer = await post(free.client, HOSTILE_USAGE);
        sent++;
        expect(answer.text.length).toBeLessThan(2000);
      }
    });
    console.log(
      `[answer-size] hostile usage query: cost ${cost}, ${sent} sent in 3 s, slowest /healthz ${slowestMs.toFixed(1)} ms (wall ${slowestWallMs.toFixed(1)} ms)`,
    );
    expect(slowestMs).toBeLessThan(STALL_MS);
  }, 60_000);

  it("costs last exactly like first: 15 pages of 100 audit events are refused either way", async () => {
    const pages = (args: string) =>
      `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: auditEvents(${args}) { edges { node { id type at } } }`).join(" ")} }`;
    // Another account: the first test spent most of `free`'s session budget.
    const other = await signUp(server);
    for (const args of ["first: 100", "last: 100"]) {
      const answer = await post(other.client, pages(args));
      expect(answer.body.errors?.[0]?.extensions.code, `${args}: ${answer.text.slice(0, 300)}`).toBe("BAD_USER_INPUT");
      expect(answer.body.errors?.[0]?.message).toMatch(/over the limit of 5000/);
    }
    const variables = await post(free.client, `query($n: Int) ${pages("last: $n")}`, { n: 100 });
    expect(variables.body.errors?.[0]?.message, variables.text.slice(0, 300)).toMatch(/over the limit of 5000/);
    // A page the limit allows is answered.
    const one = await post(free.client, "{ auditEvents(last: 100) { edges { node { id type at } } } }");
    expect(one.body.errors, one.text.slice(0, 300)).toBeUndefined();
  });

  it("answers the full introspection query GraphiQL and codegen send, within its cost; refuses introspection recursion", async () => {
    const anonymous = new Client(server.url);
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    const full = await post(anonymous, query);
    expect(full.body.errors, full.text.slice(0, 300)).toBeUndefined();
    const cost = queryCost(schema, parse(query), undefined, undefined);
    expect(cost).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxCost);
    expect(full.text.length).toBeLessThanOrEqual(cost * COST_UNIT_BYTES);
    // Fifteen aliased copies of the whole answer still fit the cost limit and the answer bound.
    const aliased = `{ ${Array.from({ length: 15 }, (_, i) => `s${i}: __schema { types { name kind fields { name args { name } type { name kind ofType { name kind } } } } }`).join(" ")} }`;
    const fifteen = await post(anonymous, aliased);
    expect(fifteen.body.errors, fifteen.text.slice(0, 300)).toBeUndefined();
    expect(fifteen.text.length).toBeLessThanOrEqual(queryCost(schema, parse(aliased), undefined, undefined) * COST_UNIT_BYTES);
    const recursive = await post(anonymous, "{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }");
    expect(recursive.body.errors?.[0]?.message, recursive.text.slice(0, 300)).toMatch(/[Mm]aximum introspection depth/);
  });
});

/** Generated queries over the schema: which root fields a caller may ask for, and the values of required arguments. */
interface Caller {
  client: Client;
  label: string;
}

type Field = GraphQLField<unknown, unknown>;

const queryType = schema.getQueryType()!;
const isLeaf = (field: Field) => {
  const named = getNamedType(field.type);
  return isScalarType(named) || isEnumType(named);
};
/** Keeps a generated document within the depth limit (8, fields counted from the root). */
const MAX_LEVELS = 7;

interface Generated {
  text: string;
  variables: Record<string, number>;
}

/** A document over `queryType`, as fast-check values: fields, aliases of any length, first/last literal or variable. */
function documents(ids: { workflow: string; run: string }): fc.Arbitrary<Generated> {
  const name = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map((n) => `L${"x".repeat(n)}`) },
  );
  const page = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: PAGE_SIZE.max }));
  return fc
    .record({
      seed: fc.array(fc.nat(), { minLength: 400, maxLength: 400 }),
      names: fc.array(name, { minLength: 60, maxLength: 60 }),
      pages: fc.array(page, { minLength: 20, maxLength: 20 }),
      useVariables: fc.boolean(),
      breadth: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ seed, names, pages, useVariables, breadth }) => {
      let s = 0;
      let n = 0;
      let p = 0;
      let aliases = 0;
      const pick = () => seed[s++ % seed.length]!;
      const variables: Record<string, number> = {};
      const declared: string[] = [];
      function args(field: Field): string {
        const parts: string[] = [];
        for (const arg of field.args) {
          if (arg.name === "id") parts.push(`id: ${JSON.stringify(field.name === "run" ? ids.run : ids.workflow)}`);
          if (arg.name === "first" || arg.name === "last") {
            const size = pages[p++ % pages.length];
            if (size === null || size === undefined || (arg.name === "last" && pick() % 2 === 0)) continue;
            if (useVariables) {
              const variable = `v${declared.length}`;
              declared.push(`$${variable}: Int`);
              variables[variable] = size;
              parts.push(`${arg.name}: $${variable}`);
            } else parts.push(`${arg.name}: ${size}`);
          }
        }
        return parts.length ? `(${parts.join(", ")})` : "";
      }
      function selection(type: GraphQLObjectType, level: number): string {
        const fields = Object.values(type.getFields()).filter((f) => level < MAX_LEVELS || isLeaf(f));
        const chosen: string[] = [];
        const count = type === queryType ? 1 + (pick() % 3) : 1 + (pick() % (breadth + 2));
        for (let i = 0; i < count && fields.length > 0; i++) {
          const field = fields[pick() % fields.length]!;
          const label = names[n++ % names.length];
          const aliased = label !== null && label !== undefined && aliases < DOCUMENT_LIMITS.maxAliases;
          if (aliased) aliases++;
          const head = `${aliased ? `${label}: ` : ""}${field.name}${args(field)}`;
          const named = getNamedType(field.type);
          chosen.push(isObjectType(named) ? `${head} { ${selection(named, level + 1)} }` : head);
        }
        return chosen.join(" ");
      }
      const body = selection(queryType, 1);
      return { text: `query${declared.length ? `(${declared.join(", ")})` : ""} { ${body} }`, variables };
    });
}

/** Bytes of stored JSON in `data` (counted by the JSON budget, not by the cost): the values of storedJson fields. */
function storedJsonBytes(data: unknown, selectionSet: SelectionSetNode, type: GraphQLObjectType): number {
  if (data === null || typeof data !== "object") return 0;
  if (Array.isArray(data)) return data.reduce<number>((sum, item) => sum + storedJsonBytes(item, selectionSet, type), 0);
  let bytes = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== "Field") continue;
    const field = type.getFields()[selection.name.value];
    const value = (data as Record<string, unknown>)[(selection.alias ?? selection.name).value];
    if (!field || value === undefined) continue;
    if (field.extensions[COST_EXTENSIONS.storedJson] === true) bytes += Buffer.byteLength(JSON.stringify(value));
    const named = getNamedType(field.type);
    if (selection.selectionSet && isObjectType(named)) bytes += storedJsonBytes(value, selection.selectionSet, named);
  }
  return bytes;
}

describe("the answer bound over generated queries", () => {
  let server: TestServer;
  const callers: Caller[] = [];
  let ids: { workflow: string; run: string };

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_SQLITE_SYNCHRONOUS: "normal" } });
    const owner = await signUp(server, { tier: "business" });
    // An account holds at most 100 keys: 70 here, the others made below.
    await addKeys(server, owner, 70);
    const admin = new Client(server.url, (await createKey(owner, "admin")).value);
    const deployment = new Client(server.url, (await createKey(owner, "deployment")).value);
    // Workflows with long descriptions, and runs of them, succeeded and failed.
    for (let i = 0; i < 25; i++) {
      const definition = {
        inputSchema: { type: "object", description: "é".repeat(300) },
        steps: [{ id: "say", model: "knouds/echo", inputs: { text: { from: "input.text" } } }],
        outputs: { text: { from: "steps.say.text" } },
      };
      await createWorkflow(owner, `flow-${i}`, { visibility: i % 2 ? "public" : "private", definition });
    }
    let run = "";
    for (let i = 0; i < 40; i++) {
      const answer = await admin.graphql(RunWorkflow, {
        id: `flow-${i % 25}`,
        inputs: { text: i % 3 ? `run ${i} ${"ü".repeat(200)}` : i },
      });
      run = answer.data?.runWorkflow.id ?? run;
    }
    ids = { workflow: "flow-1", run };
    callers.push(
      { client: owner.client, label: "session" },
      { client: admin, label: "admin key" },
      { client: deployment, label: "deployment key" },
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it(`never answers more than cost × ${COST_UNIT_BYTES} bytes plus its stored JSON (${RUNS} queries, seed ${SEED})`, async () => {
    const tally = { invalid: 0, refusedByCost: 0, answered: 0, maxBytesPerUnit: 0, largest: 0 };
    await fc.assert(
      fc.asyncProperty(documents(ids), fc.integer({ min: 0, max: callers.length - 1 }), async (generated, who) => {
        const caller = callers[who]!;
        const document = parse(generated.text);
        const cost = queryCost(schema, document, undefined, generated.variables);
        const answer = await post(caller.client, generated.text, generated.variables);
        // Two generated fields under one answer key, or a document over the token limit: refused before any cost.
        const code = answer.body.errors?.[0]?.extensions.code;
        if (answer.body.data === undefined && (code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED")) {
          tally.invalid++;
          return;
        }
        expect(answer.status, answer.text.slice(0, 300)).toBe(200);
        if (cost > DOCUMENT_LIMITS.maxCost) {
          tally.refusedByCost++;
          expect(answer.body.errors?.[0]?.message, generated.text.slice(0, 300)).toMatch(/over the limit/);
          return;
        }
        // The route's backstop never had to step in: the cost alone held the answer.
        expect(answer.text, generated.text.slice(0, 300)).not.toContain("the most its cost allows");
        tally.answered++;
        const operation = document.definitions[0]!;
        const json = operation.kind === "OperationDefinition" ? storedJsonBytes(answer.body.data, operation.selectionSet, queryType) : 0;
        const bytes = Buffer.byteLength(answer.text);
        tally.largest = Math.max(tally.largest, bytes);
        tally.maxBytesPerUnit = Math.max(tally.maxBytesPerUnit, (bytes - json) / cost);
        expect(bytes, `${caller.label}: ${generated.text.slice(0, 400)}`).toBeLessThanOrEqual(cost * COST_UNIT_BYTES + json);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(
      `[answer-size] ${tally.answered} answered, ${tally.refusedByCost} refused by cost, ${tally.invalid} invalid; ` +
        `largest answer ${tally.largest} bytes, at most ${tally.maxBytesPerUnit.toFixed(1)} bytes per cost unit (bound ${COST_UNIT_BYTES})`,
    );
    expect(tally.answered).toBeGreaterThan(RUNS / 4);
    expect(tally.maxBytesPerUnit).toBeLessThanOrEqual(COST_UNIT_BYTES);
  }, 240_000);
});
