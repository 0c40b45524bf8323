import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../src/domain/pages.js";
import { FIELD_COST, queryCost } from "../../src/graphql/query-cost.js";
import { schema } from "../../src/graphql/schema.js";

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  queryCost(schema, parse(query), operationName, variables);

describe("query cost", () => {
  it("counts each field once per item of the page it is in", () => {
    // workflows 1, then per item: edges, node, id
    expect(cost("{ workflows(first: 100) { edges { node { id } } } }")).toBe(1 + 100 * 3);
    expect(cost("{ workflows { edges { node { id } } } }")).toBe(1 + PAGE_SIZE.default * 3);
    expect(cost("{ workflows(first: 100) { edges { node { inputSchema } } } }")).toBe(1 + 100 * (2 + FIELD_COST.json));
  });

  it("reads page sizes from variables and the operation's defaults", () => {
    const query = "query($n: Int = 7) { runs(first: $n) { edges { cursor } } }";
    expect(cost(query, { n: 50 })).toBe(1 + 50 * 2);
    expect(cost(query, {})).toBe(1 + 7 * 2);
    expect(cost(query, { n: null })).toBe(1 + PAGE_SIZE.default * 2);
    // Refused by the field or by execution; never cheaper than the largest page meanwhile.
    expect(cost(query, { n: 10_000 })).toBe(1 + PAGE_SIZE.max * 2);
    expect(cost(query, { n: "lots" })).toBe(1 + PAGE_SIZE.max * 2);
  });

  it("counts fragments where they are spread, aliases once each, and long aliases as bytes", () => {
    const inline = cost("{ models(first: 10) { edges { node { id provider } } } }");
    expect(cost("{ models(first: 10) { ...Page } } fragment Page on ModelConnection { edges { node { id provider } } }")).toBe(inline);
    expect(cost("{ models(first: 10) { ... on ModelConnection { edges { node { id provider } } } } }")).toBe(inline);
    expect(cost("{ a: models(first: 10) { ...P } b: models(first: 10) { ...P } } fragment P on ModelConnection { edges { node { id provider } } }")).toBe(2 * inline);
    expect(cost(`{ models(first: 10) { edges { node { ${"x".repeat(256)}: id } } } }`)).toBe(1 + 10 * (1 + 1 + 1 + 2));
    expect(cost("{ scopes { scope description } }")).toBe(1 + 3 * 2);
  });

  it("ends on fragment cycles (validation refuses them) and costs only the operation that runs", () => {
    expect(cost("fragment A on Query { ...B } fragment B on Query { ...A } { ...A }")).toBe(0);
    const two = "query Small { viewer { authenticatedBy } } query Big { workflows(first: 100) { edges { cursor } } }";
    expect(cost(two, {}, "Small")).toBe(2);
    expect(cost(two, {}, "Big")).toBe(201);
    expect(cost(two, {})).toBe(0);
  });
});
