/**
 * Generated hostile input schemas (recursion that fans out or not, cycles, reference chains,
 * nested combinators, uniqueItems, large enum/const, wide objects, deep arrays, defaults) and
 * hostile inputs (deep nesting, many small arrays, long arrays, wide objects, long strings),
 * sent to a running server. Inputs stay at tens of KB: the hostile part is their shape, which
 * is what makes validation explode (5,000 small arrays under uniqueItems are 12.5 M
 * comparisons), while parsing and storing them stays cheap on a busy machine. Each schema is either refused at create with BAD_USER_INPUT naming
 * the keyword, or accepted; an accepted one then answers every input with 200 or 400, never a
 * 500, while /healthz keeps answering within 250 ms throughout.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { slowestHealthzWhile } from "../support/healthz-probe.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow } from "../support/workflow-operations.js";

const RUNS = 60;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const STALL_MS = 250;

type Schema = Record<string, unknown>;
/** A schema, and what the rules must do with it: "refuse", "accept", or either ("any"). */
interface Case {
  schema: Schema;
  expect: "refuse" | "accept" | "any";
}

const ref = { $ref: "#/definitions/d" };
const recursive = (d: Schema): Schema => ({ definitions: { d }, ...ref });
const child = (via: string, schema: Schema): Schema =>
  via === "items" ? { items: schema } : via === "additionalProperties" ? { additionalProperties: schema } : { properties: { a: schema } };

const recursion: fc.Arbitrary<Case> = fc
  .record({
    combinator: fc.constantFrom("allOf", "anyOf", "oneOf"),
    branches: fc.integer({ min: 1, max: 4 }),
    via: fc.constantFrom("properties", "items", "additionalProperties"),
  })
  .map(({ combinator, branches, via }) => ({
    schema: recursive({ [combinator]: Array.from({ length: branches }, () => child(via, ref)) }),
    // One branch is a tree (the same cost at every level); two or more double per level.
    expect: branches === 1 ? "accept" : "refuse",
  }));

const conditionalRecursion: fc.Arbitrary<Case> = fc.constantFrom<Case>(
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword under test
  { schema: recursive({ if: child("properties", ref), then: child("properties", ref), else: child("properties", ref) }), expect: "refuse" },
  { schema: recursive({ not: child("items", ref) }), expect: "accept" },
  { schema: recursive({ type: "object", properties: { a: ref, b: ref } }), expect: "accept" },
  { schema: recursive({ properties: { a: ref }, dependencies: { b: child("properties", ref) } }), expect: "refuse" },
);

const cycles: fc.Arbitrary<Case> = fc.constantFrom<Case>(
  { schema: { $ref: "#" }, expect: "refuse" },
  { schema: { not: { $ref: "#" } }, expect: "refuse" },
  { schema: recursive({ anyOf: [ref, { type: "string" }] }), expect: "refuse" },
  { schema: { definitions: { d: { $ref: "#/definitions/e" }, e: { allOf: [ref] } }, ...ref }, expect: "refuse" },
);

/** d0 ... dn, each checking the value against the one before it `k` times: k^n without any recursion. */
const referenceChains: fc.Arbitrary<Case> = fc
  .record({ length: fc.integer({ min: 1, max: 24 }), fanOut: fc.integer({ min: 1, max: 3 }) })
  .map(({ length, fanOut }) => {
    const definitions: Schema = { d0: { type: ["string", "number"], maxLength: 10 } };
    for (let i = 1; i <= length; i++)
      definitions[`d${i}`] = { allOf: Array.from({ length: fanOut }, () => ({ $ref: `#/definitions/d${i - 1}` })) };
    return {
      schema: { definitions, type: "array", items: { $ref: `#/definitions/d${length}` } },
      expect: fanOut ** length > 2000 ? "refuse" : fanOut === 1 || fanOut ** length < 200 ? "accept" : "any",
    };
  });

const nestedCombinators: fc.Arbitrary<Case> = fc
  .record({
    depth: fc.integer({ min: 1, max: 5 }),
    branches: fc.integer({ min: 1, max: 4 }),
    combinator: fc.constantFrom("allOf", "anyOf", "oneOf"),
  })
  .map(({ depth, branches, combinator }) => {
    let schema: Schema = { type: "integer", minimum: 0 };
    for (let i = 0; i < depth; i++) schema = { [combinator]: Array.from({ length: branches }, () => schema) };
    return { schema: { type: "array", items: schema }, expect: "any" };
  });

const uniqueItems: fc.Arbitrary<Case> = fc
  .record({
    items: fc.constantFrom<[unknown, boolean]>(
      [undefined, false],
      [{ type: "integer" }, true],
      [{ type: ["string", "null"] }, true],
      [{ type: "array" }, false],
      [{ type: ["object", "string"] }, false],
      [[{ type: "string" }], false],
      [{}, false],
    ),
    maxItems: fc.option(fc.integer({ min: 0, max: 100_000 })),
  })
  .map(({ items: [items, scalar], maxItems }) => ({
    schema: {
      type: "object",
      properties: {
        a: { type: "array", uniqueItems: true, ...(items === undefined ? {} : { items }), ...(maxItems === null ? {} : { maxItems }) },
      },
    },
    expect: scalar ? "accept" : "refuse",
  }));

const literals: fc.Arbitrary<Case> = fc.oneof(
  fc.record({ count: fc.constantFrom(10, 300, 500, 501, 3000), objects: fc.boolean() }).map(({ count, objects }) => ({
    schema: { type: "array", items: { enum: Array.from({ length: count }, (_, i) => (objects ? { i } : i)) } },
    expect: (count > 500 || (objects && count * 3 > 2000) ? "refuse" : "any") as Case["expect"],
  })),
  fc.integer({ min: 10, max: 4000 }).map((count) => ({
    schema: { type: "array", items: { const: Array.from({ length: count }, (_, i) => i) } },
    expect: (count + 1 > 2000 ? "refuse" : "any") as Case["expect"],
  })),
  fc.constantFrom<Case>(
    { schema: { properties: { a: { default: { nested: true } } } }, expect: "refuse" },
    { schema: { properties: { a: { default: [1, 2] } } }, expect: "refuse" },
    { schema: { properties: { a: { type: "string", default: "x" } } }, expect: "accept" },
  ),
);

const wideObjects: fc.Arbitrary<Case> = fc
  .record({ count: fc.integer({ min: 1, max: 200 }), additional: fc.constantFrom<unknown>(false, true, { type: "integer" }, undefined) })
  .map(({ count, additional }) => ({
    schema: {
      type: "object",
      properties: Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, { type: "integer" }])),
      ...(additional === undefined ? {} : { additionalProperties: additional }),
      maxProperties: 100_000,
    },
    // Past 120 subschemas (the root, each property, an additionalProperties) a schema is refused for its size.
    expect: 1 + count + (additional === undefined ? 0 : 1) > 120 ? "refuse" : "accept",
  }));

const deepArrays: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 60 }).map((depth) => {
  let schema: Schema = { type: "integer" };
  for (let i = 0; i < depth; i++) schema = { type: "array", items: schema, maxItems: 1000 };
  return { schema, expect: "accept" };
});

const hostileSchemas = fc.oneof(
  recursion,
  conditionalRecursion,
  cycles,
  referenceChains,
  nestedCombinators,
  uniqueItems,
  literals,
  wideObjects,
  deepArrays,
);

function nested(levels: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 0;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

const hostileInputs: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((levels) => nested(levels, (inner) => ({ a: inner }))),
  fc.integer({ min: 1, max: 60 }).map((levels) => ({ a: nested(levels, (inner) => [inner]) })),
  fc.integer({ min: 0, max: 5_000 }).map((n) => ({ a: Array.from({ length: n }, (_, i) => [i % 100]) })),
  fc.integer({ min: 0, max: 10_000 }).map((n) => ({ a: Array.from({ length: n }, (_, i) => i % 1000) })),
  fc.integer({ min: 0, max: 3_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: 0, max: 100_000 }).map((n) => ({ a: "x".repeat(n) })),
  fc.jsonValue({ maxDepth: 6 }).map((value) => ({ a: value })),
);

/** The keyword a refusal names: `"allOf" makes…`, or the size rules, which name no keyword. */
const NAMES_THE_KEYWORD =
  /^("[$A-Za-z]+" |a workflow input schema has at most|an input schema is at most|a workflow definition .* is at most)/;

describe("fuzzing tenant input schemas", () => {
  let server: TestServer;
  let admin: Client;

  beforeAll(async () => {
    // The probe is about validation: with synchronous=full every stored run also waits for
    // the disk on the event loop, which on a busy machine says nothing about schemas.
    server = await startServer({ env: { KNOUDS_SQLITE_SYNCHRONOUS: "normal" } });
    const owner = await signUp(server, { tier: "business" });
    admin = new Client(server.url, (await createKey(owner, "admin")).value);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`refuses or bounds ${RUNS} generated hostile schemas, never a 500, /healthz within ${STALL_MS} ms (seed ${SEED})`, async () => {
    let n = 0;
    const tally = { refused: 0, accepted: 0, ran: 0 };
    const { slowestMs, slowestWallMs } = await slowestHealthzWhile(server.url, () =>
      fc.assert(
        fc.asyncProperty(hostileSchemas, fc.array(hostileInputs, { minLength: 1, maxLength: 2 }), async (hostile, inputs) => {
          const id = `fuzz-${n++}`;
          const created = await admin.graphql(CreateWorkflow, {
            input: {
              id,
              name: id,
              inputSchema: hostile.schema,
              steps: [{ id: "say", model: "knouds/echo", inputs: { text: { value: "hi" } } }],
              outputs: { said: { from: "steps.say.text" } },
            },
          });
          expect(created.status).toBeLessThan(500);
          if (created.errors) {
            tally.refused++;
            expect(hostile.expect, created.text).not.toBe("accept");
            const [error] = created.errors;
            expect(error!.extensions.code).toBe("BAD_USER_INPUT");
            const [problem] = error!.extensions.details as Array<{ path: string; message: string }>;
            expect(problem!.path).toMatch(/^(inputSchema|$)/);
            expect(problem!.message).toMatch(NAMES_THE_KEYWORD);
            return;
          }
          tally.accepted++;
          expect(hostile.expect, JSON.stringify(hostile.schema).slice(0, 300)).not.toBe("refuse");
          for (const value of inputs) {
            const ran = await admin.request("POST", `/api/workflows/${id}/run`, { inputs: value });
            tally.ran++;
            expect([200, 400], ran.text.slice(0, 300)).toContain(ran.status);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      ),
    );
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.accepted).toBeGreaterThan(0);
    expect(slowestMs, JSON.stringify({ ...tally, slowestWallMs })).toBeLessThan(STALL_MS);
  }, 120_000);
});
