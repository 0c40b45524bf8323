/**
 * The definition as the edit page's JSON editor shows it: one object holding the three parts
 * the server stores (`inputSchema`, `steps`, `outputs`; docs/workflows.md, "Workflow
 * definitions"), and the way back to `updateWorkflow`'s input. Pure, unit-tested.
 */
import { scanJson } from "./json-path.js";

export interface DefinitionParts {
  inputSchema: unknown;
  steps: unknown;
  outputs: unknown;
}

const PARTS = ["inputSchema", "steps", "outputs"] as const;

/** The editor's text for a stored workflow: the three parts, two-space indented. */
export function definitionText(workflow: DefinitionParts): string {
  return `${JSON.stringify({ inputSchema: workflow.inputSchema, steps: workflow.steps ?? [], outputs: workflow.outputs ?? {} }, null, 2)}\n`;
}

export type ParsedDefinition = { ok: true; parts: DefinitionParts } | { ok: false; message: string; offset: number };

/**
 * Reads the editor's text back. Refuses what is not JSON, and an object missing a part or
 * holding anything else, with the place to show; whether the parts are valid is the server's call.
 */
export function parseDefinition(text: string): ParsedDefinition {
  const scan = scanJson(text);
  if (!scan.ok) return { ok: false, message: scan.message, offset: scan.from };
  if (scan.root.kind !== "object")
    return {
      ok: false,
      message: 'The definition is one JSON object: { "inputSchema": …, "steps": […], "outputs": {…} }',
      offset: scan.root.from,
    };
  const value = JSON.parse(text) as Record<string, unknown>;
  for (const [name, node] of scan.root.children!) {
    if (!(PARTS as readonly string[]).includes(name)) {
      return {
        ok: false,
        message: `"${name}" is not part of a definition: it holds inputSchema, steps and outputs`,
        offset: node.key!.from,
      };
    }
  }
  const missing = PARTS.filter((part) => !scan.root.children!.has(part));
  if (missing.length > 0)
    return { ok: false, message: `The definition needs ${missing.map((m) => `"${m}"`).join(" and ")}`, offset: scan.root.from };
  return { ok: true, parts: { inputSchema: value.inputSchema, steps: value.steps, outputs: value.outputs } };
}

/** The edit page's form fields that the server may name in an error, beside the definition. */
export const FORM_FIELDS = ["name", "description", "visibility"] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface PlacedProblems {
  /** By form field. */
  fields: Partial<Record<FormField, string>>;
  /** In the definition: path as the server gave it. */
  definition: Array<{ path: string; message: string }>;
  /** Anything that names neither (the whole input, an unknown place). */
  other: string[];
}

/** Sorts BAD_USER_INPUT details by where the page shows them (a leading `input.` or `definition.` is the argument's name). */
export function placeProblems(details: ReadonlyArray<{ path: string; message: string }>): PlacedProblems {
  const placed: PlacedProblems = { fields: {}, definition: [], other: [] };
  for (const detail of details) {
    const segments = detail.path.split(".");
    if (segments[0] === "input" || segments[0] === "definition") segments.shift();
    const head = segments[0] ?? "";
    if ((FORM_FIELDS as readonly string[]).includes(head)) {
      const field = head as FormField;
      placed.fields[field] = placed.fields[field] ? `${placed.fields[field]}; ${detail.message}` : detail.message;
    } else if ((PARTS as readonly string[]).includes(head)) {
      placed.definition.push({ path: segments.join("."), message: detail.message });
    } else {
      placed.other.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
    }
  }
  return placed;
}
