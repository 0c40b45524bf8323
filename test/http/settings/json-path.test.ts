import { describe, expect, it } from "vitest";
import { lineAndColumn, locateJsonPath, scanJson } from "../../../src/http/settings/client/editor/json-path.js";

const definition = `{
  "inputSchema": {
    "type": "object",
    "properties": { "n": { "type": "integer", "minimum": 1 }, "a.b": { "type": "string" } }
  },
  "steps": [
    { "id": "first", "model": "knouds/echo", "inputs": { "text": { "from": "input.a.b" } } },
    { "id": "second", "model": "nobody/unknown", "inputs": {} }
  ],
  "outputs": { "text": { "from": "steps.second.text" } }
}`;

/** The characters a path points at. */
function at(path: string): string {
  const target = locateJsonPath(definition, path);
  if (!target) throw new Error("not valid JSON");
  return definition.slice(target.from, target.to);
}

describe("locateJsonPath", () => {
  it("points at a scalar's value: steps.1.model", () => {
    expect(at("steps.1.model")).toBe('"nobody/unknown"');
    expect(locateJsonPath(definition, "steps.1.model")).toMatchObject({ found: ["steps", "1", "model"], missing: [] });
  });

  it("points at a nested schema keyword: inputSchema.properties.n.minimum", () => {
    expect(at("inputSchema.properties.n.minimum")).toBe("1");
  });

  it("drops a leading argument name (definition., input.)", () => {
    expect(at("definition.steps.1.model")).toBe('"nobody/unknown"');
    expect(at("input.steps.0.id")).toBe('"first"');
  });

  it("points at a container's key, or an array item's opening bracket", () => {
    expect(at("inputSchema.properties")).toBe('"properties"');
    expect(at("steps.1")).toBe("{");
    expect(at("")).toBe("{");
  });

  it("falls back to the nearest existing parent and says what is missing", () => {
    const target = locateJsonPath(definition, "steps.1.inputs.prompt");
    expect(target).toMatchObject({ found: ["steps", "1", "inputs"], missing: ["prompt"] });
    expect(definition.slice(target!.from, target!.to)).toBe('"inputs"');
    expect(at("steps.7.model")).toBe('"steps"');
    expect(at("nothing.here")).toBe("{");
  });

  it("matches a property name that holds dots", () => {
    expect(at("inputSchema.properties.a.b.type")).toBe('"string"');
  });

  it("keeps a root property named like an argument", () => {
    const text = '{"input": {"x": 1}, "x": 2}';
    const target = locateJsonPath(text, "input.x")!;
    expect(text.slice(target.from, target.to)).toBe("1");
  });

  it("answers null for text that is not JSON", () => {
    expect(locateJsonPath("{", "steps")).toBeNull();
  });
});

describe("scanJson", () => {
  it.each([
    ['{"a": 1,}', "trailing comma", 8],
    ['{"a": 1 "b": 2}', 'Expected "," or "}"', 8],
    ["{'a': 1}", "Expected a property name", 1],
    ['["x", ]', "trailing comma", 6],
    ['{"a": "line\nbreak"}', "line break", 11],
    ['{"a": tru}', "Expected a value", 6],
    ['{"a": 01}', "not valid JSON", 7],
    ['{"a": 1} x', "after the end", 9],
    ['{"a": "open', "never closed", 6],
    ["", "end of the text", 0],
    ["// note\n{}", "no comments", 0],
  ])("refuses %j: %s at offset %i", (text, message, from) => {
    const scan = scanJson(text);
    expect(scan.ok).toBe(false);
    if (scan.ok) return;
    expect(scan.message).toContain(message);
    expect(scan.from).toBe(from);
  });

  it("accepts what JSON.parse accepts, escapes and numbers included", () => {
    const text = '{"s": "a\\"b\\u00e9\\n", "n": [-0.5e+3, 0, 12], "t": true, "f": false, "z": null, "e": {}, "l": []}';
    expect(JSON.parse(text)).toBeTruthy();
    expect(scanJson(text).ok).toBe(true);
  });

  it("reports nesting too deep instead of overflowing the stack", () => {
    const scan = scanJson("[".repeat(100_000));
    expect(scan).toMatchObject({ ok: false, message: expect.stringContaining("Nested deeper") });
  });
});

describe("lineAndColumn", () => {
  it("counts from 1", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab", 0)).toEqual({ line: 1, column: 1 });
  });
});
