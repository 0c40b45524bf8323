import { describe, expect, it } from "vitest";
import { inputSchemaCost } from "../../src/domain/input-schema-cost.js";
import { jsonWeight } from "../../src/domain/json-weight.js";

const node = { $ref: "#/definitions/node" };

describe("inputSchemaCost", () => {
  it("bounds a tree-shaped recursion by the same figure at every depth", () => {
    const tree = {
      definitions: { node: { type: "object", properties: { v: { type: "number" }, kids: { type: "array", items: node } } } },
      ...node,
    };
    const cost = inputSchemaCost(tree);
    expect(cost).toEqual({ bounded: true, checksPerValue: expect.any(Number) });
    expect((cost as { checksPerValue: number }).checksPerValue).toBeLessThan(20);
  });

  it("refuses recursion that fans out, naming the combinator and where it is", () => {
    const fanning = { definitions: { node: { anyOf: [{ items: node }, { items: node }] } }, ...node };
    expect(inputSchemaCost(fanning)).toMatchObject({
      bounded: false,
      keyword: "anyOf",
      path: "definitions.node",
      reason: expect.stringMatching(/recursing through \$ref/),
    });
  });

  it("counts every path through a chain of references, recursive or not", () => {
    const chain = (length: number) => {
      const definitions: Record<string, unknown> = { d0: { type: "string" } };
      for (let i = 1; i <= length; i++)
        definitions[`d${i}`] = { allOf: [{ $ref: `#/definitions/d${i - 1}` }, { $ref: `#/definitions/d${i - 1}` }] };
      return { definitions, $ref: `#/definitions/d${length}` };
    };
    expect(inputSchemaCost(chain(8))).toMatchObject({ bounded: true });
    expect(inputSchemaCost(chain(14))).toMatchObject({ bounded: false, keyword: "allOf" });
  });

  it("refuses a cycle that never descends into the input", () => {
    expect(inputSchemaCost({ allOf: [{ $ref: "#" }] })).toMatchObject({
      bounded: false,
      keyword: "$ref",
      reason: expect.stringMatching(/infinite recursion/),
    });
  });

  it("allows uniqueItems over scalar items only", () => {
    expect(inputSchemaCost({ type: "array", uniqueItems: true, items: { type: ["string", "null"] } })).toMatchObject({ bounded: true });
    expect(inputSchemaCost({ type: "array", uniqueItems: true, items: { type: "object" } })).toMatchObject({
      bounded: false,
      keyword: "uniqueItems",
      path: "",
    });
    expect(inputSchemaCost({ type: "array", uniqueItems: false })).toMatchObject({ bounded: true });
  });

  it("charges the inserted scalar defaults to the object that receives them", () => {
    const properties = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, { type: "string", default: "x".repeat(1000) }]));
    const plain = inputSchemaCost({
      type: "object",
      properties: Object.fromEntries(Object.keys(properties).map((k) => [k, { type: "string" }])),
    });
    const withDefaults = inputSchemaCost({ type: "object", properties });
    expect((withDefaults as { checksPerValue: number }).checksPerValue).toBeGreaterThan(
      (plain as { checksPerValue: number }).checksPerValue + 50 * 7,
    );
  });
});

describe("jsonWeight", () => {
  it("weighs one per value and one per 128 characters, and stops past the maximum or 64 levels", () => {
    expect(jsonWeight({ a: [1, "x".repeat(256), null] })).toBe(1 + 1 + 1 + 3 + 1);
    expect(jsonWeight(Array(1000).fill(0), 100)).toBe(Number.POSITIVE_INFINITY);
    let deep: unknown = 0;
    for (let i = 0; i < 65; i++) deep = [deep];
    expect(jsonWeight(deep)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonWeight((deep as unknown[])[0])).toBe(65);
  });
});
