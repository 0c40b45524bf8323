import { describe, expect, it } from "vitest";
import { definitionText, parseDefinition, placeProblems } from "../../../src/http/settings/client/editor/definition.js";

const parts = {
  inputSchema: { type: "object", properties: { prompt: { type: "string" } } },
  steps: [{ id: "draw", model: "knouds/svg-image", inputs: { prompt: { from: "input.prompt" } } }],
  outputs: { image: { from: "steps.draw.svg" } },
};

describe("definitionText and parseDefinition", () => {
  it("round-trips the three parts", () => {
    const text = definitionText(parts);
    expect(text).toContain('\n  "steps": [');
    expect(parseDefinition(text)).toEqual({ ok: true, parts });
  });

  it("shows a workflow without steps or outputs as empty ones", () => {
    expect(JSON.parse(definitionText({ inputSchema: {}, steps: null, outputs: null }))).toEqual({
      inputSchema: {},
      steps: [],
      outputs: {},
    });
  });

  it("refuses a syntax error at its offset", () => {
    expect(parseDefinition('{"steps": [,]}')).toMatchObject({ ok: false, offset: 11 });
  });

  it("refuses anything but an object, an unknown part at its key, and a missing part", () => {
    expect(parseDefinition("[]")).toMatchObject({ ok: false, message: expect.stringContaining("one JSON object") });
    const text = '{"inputSchema": {}, "steps": [], "outputs": {}, "name": "x"}';
    expect(parseDefinition(text)).toEqual({
      ok: false,
      message: expect.stringContaining('"name" is not part'),
      offset: text.indexOf('"name"'),
    });
    expect(parseDefinition('{"inputSchema": {}}')).toMatchObject({ ok: false, message: 'The definition needs "steps" and "outputs"' });
  });
});

describe("placeProblems", () => {
  it("puts form fields beside their field, definition paths in the editor, the rest in a list", () => {
    expect(
      placeProblems([
        { path: "name", message: "is empty" },
        { path: "input.name", message: "has a control character" },
        { path: "steps.0.model", message: 'unknown model "x/y"' },
        { path: "definition.inputSchema.properties.n.minimum", message: "must be a number" },
        { path: "", message: "nothing to change" },
        { path: "id", message: "bad slug" },
      ]),
    ).toEqual({
      fields: { name: "is empty; has a control character" },
      definition: [
        { path: "steps.0.model", message: 'unknown model "x/y"' },
        { path: "inputSchema.properties.n.minimum", message: "must be a number" },
      ],
      other: ["nothing to change", "id: bad slug"],
    });
  });
});
