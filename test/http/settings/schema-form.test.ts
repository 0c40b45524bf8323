/**
 * The run form's rules (src/http/settings/client/workflows/schema-form.ts): which fields an
 * input schema becomes, what a filled form sends, and where the server's problems are shown.
 */
import { describe, expect, it } from "vitest";
import {
  formFields,
  formInputs,
  initialValue,
  problemsByField,
  type Field,
  type FormValue,
} from "../../../src/http/settings/client/workflows/schema-form.js";
import { WORKFLOW_TEMPLATES } from "../../../src/http/settings/client/workflows/templates.js";

const SCHEMA = {
  type: "object",
  required: ["prompt", "n"],
  properties: {
    prompt: { type: "string", title: "Prompt", description: "What to draw", maxLength: 200 },
    style: { type: "string", enum: ["ink", "oil"], default: "oil" },
    n: { type: "integer", minimum: 1, maximum: 4, default: 1 },
    ratio: { type: "number", maximum: 2.5 },
    hd: { type: "boolean", title: "High definition" },
    tags: { type: "array", items: { type: "string" }, maxItems: 3 },
    size: {
      type: "object",
      required: ["width"],
      properties: { width: { type: "integer", minimum: 16 }, height: { type: "integer" } },
      additionalProperties: false,
    },
    extra: { anyOf: [{ type: "string" }, { type: "number" }] },
  },
};

function valuesOf(fields: readonly Field[]): Record<string, FormValue> {
  return Object.fromEntries(fields.map((field) => [field.name, initialValue(field)]));
}

describe("schema → fields", () => {
  const fields = formFields(SCHEMA);
  const byName = Object.fromEntries(fields.map((field) => [field.name, field]));

  it("makes one field per property, in order, with title as label, description as hint and required", () => {
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ["prompt", "text", true],
      ["style", "select", false],
      ["n", "number", true],
      ["ratio", "number", false],
      ["hd", "checkbox", false],
      ["tags", "list", false],
      ["size", "group", false],
      ["extra", "json", false],
    ]);
    expect(byName.prompt).toMatchObject({ label: "Prompt", hint: "What to draw", maxLength: 200 });
    expect(byName.style).toMatchObject({
      label: "style",
      options: [
        { label: "ink", value: "ink" },
        { label: "oil", value: "oil" },
      ],
      default: "oil",
    });
    expect(byName.hd).toMatchObject({ label: "High definition" });
  });

  it("keeps number bounds and integer-ness, and says the bounds in the hint", () => {
    expect(byName.n).toMatchObject({ kind: "number", integer: true, min: 1, max: 4, default: 1, hint: "1 to 4." });
    expect(byName.ratio).toMatchObject({ kind: "number", integer: false, max: 2.5, hint: "At most 2.5." });
  });

  it("makes arrays of a supported item a list, nested objects a group, and the rest JSON", () => {
    expect(byName.tags).toMatchObject({ kind: "list", maxItems: 3, item: { kind: "text", label: "Item" } });
    const size = byName.size as Extract<Field, { kind: "group" }>;
    expect(size.fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ["width", "number", true],
      ["height", "number", false],
    ]);
    expect(byName.extra).toMatchObject({ kind: "json", hint: "JSON." });
  });

  it("falls back to JSON for an array of unsupported items, a tuple, a map and an unknown keyword", () => {
    const kinds = formFields({
      type: "object",
      properties: {
        mixed: { type: "array", items: { oneOf: [{ type: "string" }] } },
        tuple: { type: "array", items: [{ type: "string" }] },
        map: { type: "object", additionalProperties: { type: "string" } },
        empty: { type: "object" },
        nullable: { type: ["string", "null"] },
        constant: { const: 1 },
        ref: { $ref: "#/definitions/x" },
      },
    }).map((field) => field.kind);
    expect(kinds).toEqual(["json", "json", "json", "json", "json", "json", "json"]);
  });

  it("makes the whole inputs one JSON field when the root is not an object with properties", () => {
    for (const schema of [{ type: "object" }, { anyOf: [{ type: "object" }] }, { type: "string" }, null]) {
      expect(formFields(schema)).toEqual([
        { name: "", label: "Inputs", hint: "The run's inputs as a JSON object.", required: true, kind: "json" },
      ]);
    }
  });

  it("shows every template's inputs as fields, none as JSON", () => {
    for (const template of WORKFLOW_TEMPLATES) {
      expect(formFields(template.definition.inputSchema).map((field) => field.kind)).not.toContain("json");
    }
  });
});

describe("values → inputs", () => {
  const fields = formFields(SCHEMA);

  it("starts from the defaults and leaves empty fields out (the server says what is required)", () => {
    expect(formInputs(fields, valuesOf(fields))).toEqual({ inputs: { style: "oil", n: 1, hd: false }, problems: [] });
  });

  it("sends what was typed, typed by the schema", () => {
    const values = {
      ...valuesOf(fields),
      prompt: "a mountain at dusk",
      style: JSON.stringify("ink"),
      n: "3",
      ratio: "1.5",
      hd: true,
      tags: ["a", "", "c"],
      size: { width: "64", height: "" },
      extra: '{"x": [1, 2]}',
    };
    expect(formInputs(fields, values)).toEqual({
      inputs: {
        prompt: "a mountain at dusk",
        style: "ink",
        n: 3,
        ratio: 1.5,
        hd: true,
        tags: ["a", "", "c"],
        size: { width: 64 },
        extra: { x: [1, 2] },
      },
      problems: [],
    });
  });

  it("sends a number that does not parse as typed, so the server names the problem; empty list rows keep their place", () => {
    const numbers = formFields({ type: "object", properties: { n: { type: "number" }, xs: { type: "array", items: { type: "number" } } } });
    expect(formInputs(numbers, { n: "1e", xs: ["1", "", "2"] }).inputs).toEqual({ n: "1e", xs: [1, null, 2] });
  });

  it("refuses only JSON that does not parse, at the field's path", () => {
    const { problems } = formInputs(fields, { ...valuesOf(fields), extra: "{nope" });
    expect(problems).toEqual([{ path: "inputs.extra", message: expect.stringMatching(/^is not valid JSON: /) }]);
    const whole = formFields(true);
    expect(formInputs(whole, { "": '{"a": 1}' })).toEqual({ inputs: { a: 1 }, problems: [] });
    expect(formInputs(whole, { "": "[" }).problems).toEqual([{ path: "inputs", message: expect.stringMatching(/^is not valid JSON/) }]);
  });

  it("starts a list from its default and an object's fields from theirs", () => {
    const withDefaults = formFields({
      type: "object",
      properties: {
        xs: { type: "array", items: { type: "integer" }, default: [1, 2] },
        o: { type: "object", properties: { on: { type: "boolean", default: true } } },
      },
    });
    expect(valuesOf(withDefaults)).toEqual({ xs: ["1", "2"], o: { on: true } });
    expect(formInputs(withDefaults, valuesOf(withDefaults)).inputs).toEqual({ xs: [1, 2], o: { on: true } });
  });
});

describe("the server's problems beside their fields", () => {
  const fields = formFields(SCHEMA);
  const values = { ...valuesOf(fields), tags: ["a", "b"] };

  it("puts each detail on the field its path names, rows and nested fields included", () => {
    const byField = problemsByField(fields, values, [
      { path: "inputs.prompt", message: "must have required property 'prompt'" },
      { path: "inputs.n", message: "must be <= 4" },
      { path: "inputs.tags.1", message: "must be string" },
      { path: "inputs.size.width", message: "must be >= 16" },
      { path: "inputs.extra.a.b", message: "must be number" },
      { path: "inputs.unknown", message: "is not allowed" },
      { path: "inputs", message: "must be object" },
    ]);
    expect(Object.fromEntries(byField)).toEqual({
      "inputs.prompt": ["must have required property 'prompt'"],
      "inputs.n": ["must be <= 4"],
      "inputs.tags.1": ["must be string"],
      "inputs.size.width": ["must be >= 16"],
      "inputs.extra": ["must be number"],
      "": ["is not allowed", "must be object"],
    });
  });
});
