import { describe, expect, it } from "vitest";
import { buildSchema, parse } from "graphql";
import { MAX_CURSOR_LENGTH, PAGE_SIZE } from "../../src/domain/pages.js";
import { uncostedFields } from "../../src/graphql/cost-declarations.js";
import { COST_UNIT_BYTES, FIELD_COST } from "../../src/graphql/cost-declarations.js";
import { queryCost } from "../../src/graphql/server/query-cost.js";
import { schema } from "../../src/graphql/schema.js";

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  queryCost(schema, parse(query), operationName, variables);

describe("query cost", () => {
  it("counts each field once per item of the page it is in", () => {
    // workflows 1, edges 1, then per item: node, id
    expect(cost("{ workflows(first: 100) { edges { node { id } } } }")).toBe(2 + 100 * 2);
    expect(cost("{ workflows { edges { node { id } } } }")).toBe(2 + PAGE_SIZE.default * 2);
    expect(cost("{ workflows(first: 100) { edges { node { inputSchema } } } }")).toBe(2 + 100 * (1 + FIELD_COST.json));
  });

  it("costs last exactly like first, and the larger page when both are given", () => {
    const events = (args: string) => cost(`{ auditEvents(${args}) { edges { node { id type at } } } }`);
    expect(events("last: 100")).toBe(events("first: 100"));
    expect(events("last: 100")).toBe(2 + 100 * 4);
    expect(events("first: 3, last: 100")).toBe(events("first: 100"));
    expect(cost("query($n: Int) { auditEvents(last: $n) { edges { node { id } } } }", { n: 100 })).toBe(2 + 100 * 2);
  });

  it("counts every item of a short list: usage buckets, scopes", () => {
    const usage = "usage { hourly { ok } daily { ok } }";
    // apiKeys, edges; per key: node, usage, hourly, daily, 48 + 90 buckets of one field
    expect(cost(`{ apiKeys(first: 10) { edges { node { ${usage} } } } }`)).toBe(2 + 10 * (4 + 48 + 90));
    expect(cost("{ scopes { scope description } }")).toBe(1 + 3 * 2);
    expect(cost("{ viewer { account { allowedScopes } } }")).toBe(3);
  });

  it("reads page sizes from variables and the operation's defaults", () => {
    const query = "query($n: Int = 7) { runs(first: $n) { edges { node { id } } } }";
    expect(cost(query, { n: 50 })).toBe(2 + 50 * 2);
    expect(cost(query, {})).toBe(2 + 7 * 2);
    expect(cost(query, { n: null })).toBe(2 + PAGE_SIZE.default * 2);
    // Refused by the field or by execution; never cheaper than the largest page meanwhile.
    expect(cost(query, { n: 10_000 })).toBe(2 + PAGE_SIZE.max * 2);
    expect(cost(query, { n: "lots" })).toBe(2 + PAGE_SIZE.max * 2);
  });

  it("counts fragments where they are spread, aliases once each, and long aliases as bytes", () => {
    const inline = cost("{ models(first: 10) { edges { node { id provider } } } }");
    expect(cost("{ models(first: 10) { ...Page } } fragment Page on ModelConnection { edges { node { id provider } } }")).toBe(inline);
    expect(cost("{ models(first: 10) { ... on ModelConnection { edges { node { id provider } } } } }")).toBe(inline);
    expect(
      cost(
        "{ a: models(first: 10) { ...P } b: models(first: 10) { ...P } } fragment P on ModelConnection { edges { node { id provider } } }",
      ),
    ).toBe(2 * inline);
    // Few items: the units are more than the bytes. Many: the bytes decide.
    expect(cost(`{ models(first: 10) { edges { node { ${"x".repeat(256)}: id } } } }`)).toBe(2 + 10 * 2);
    const long = cost(`{ models(first: 100) { edges { node { ${"x".repeat(10_000)}: id } } } }`);
    expect(long * COST_UNIT_BYTES).toBeGreaterThan(100 * 10_000);
  });

  it("bounds the answer's bytes: keys, punctuation and the longest value of each field", () => {
    // 48 buckets of six 252-character keys under 100 keys: 7 MB of keys alone.
    const alias = (i: number) => `A${i}`.padEnd(252, "x");
    const fields = ["start", "ok", "scopeDenied", "rateLimited", "otherErrors", "total"];
    const aliased = fields.map((field, i) => `${alias(i)}: ${field}`).join(" ");
    const query = `{ apiKeys(first: 100) { edges { node { usage { hourly { ${aliased} } } } } } }`;
    expect(cost(query) * COST_UNIT_BYTES).toBeGreaterThan(100 * 48 * 6 * (252 + 4));
  });

  it("ends on fragment cycles (validation refuses them) and costs only the operation that runs", () => {
    expect(cost("fragment A on Query { ...B } fragment B on Query { ...A } { ...A }")).toBe(1);
    const two = "query Small { viewer { authenticatedBy } } query Big { workflows(first: 100) { edges { cursor } } }";
    // A root field may be refused: an error entry (about 1 KB) is within the bytes.
    expect(cost(two, {}, "Small")).toBe(3);
    expect(cost(two, {}, "Big")).toBe(Math.ceil((100 * (MAX_CURSOR_LENGTH + 2 + "cursor".length + 4 + 3)) / COST_UNIT_BYTES) + 1);
    expect(cost(two, {})).toBe(0);
  });

  it("sizes every list and JSON field of the schema, and names those a schema leaves unsized", () => {
    expect(uncostedFields(schema)).toEqual([]);
    const unsized = buildSchema(`
      scalar JSON
      type Query { tags: [String!]! pages(after: String): ThingConnection! blob: JSON grid: [[Int]] }
      type ThingConnection { edges: [String!]! }
    `);
    expect(uncostedFields(unsized).map((problem) => problem.split(":")[0])).toEqual([
      "Query.tags",
      "Query.blob",
      "Query.grid",
      "ThingConnection.edges",
    ]);
  });
});
