/**
 * Workflow definitions: a slug in its owner's namespace (full address `handle/slug`), an input JSON Schema, steps that each run one registry
 * model with inputs bound to the workflow's inputs or earlier steps' outputs, and outputs
 * bound the same way. Pure: validation of the shape lives here; model existence is checked
 * by the runtime, which knows the registry.
 */
import { z } from "zod";
import { KnoudsError, type InputProblem } from "./errors.js";
import { HANDLE } from "./handle.js";

export const MAX_SLUG_LENGTH = 64;
export const WORKFLOW_SLUG = new RegExp(`^[a-z0-9-]{1,${MAX_SLUG_LENGTH}}$`);
export const WORKFLOW_STATUSES = ["draft", "deployed"] as const;
export const VISIBILITIES = ["private", "public"] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * Where a value comes from: `{ "from": "input.prompt" }` (one workflow input),
 * `{ "from": "input" }` (all of them, as an object), `{ "from": "steps.draw.svg" }` (one output
 * of an earlier step), `{ "from": "steps.draw" }` (all its outputs), or a literal `{ "value": ... }`.
 */
export type Binding = { from: string } | { value: unknown };

export interface WorkflowStep {
  id: string;
  model: string;
  inputs: Record<string, Binding>;
}

export interface WorkflowDefinition {
  inputSchema: Record<string, unknown>;
  steps: WorkflowStep[];
  outputs: Record<string, Binding>;
}

export interface Workflow extends WorkflowDefinition {
  /** The full address, `handle/slug`: unique across the server. */
  id: string;
  /** Unique within the owner account. */
  slug: string;
  accountId: string;
  name: string;
  description: string;
  status: WorkflowStatus;
  visibility: Visibility;
  createdAt: number;
  updatedAt: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const binding = z.union([
  z.object({ from: z.string().min(1).max(200) }).strict(),
  z.object({ value: z.unknown() }).strict(),
]);
const bindings = z.record(z.string().regex(NAME, "names are letters, digits, _ and -"), binding);

export const WorkflowDefinitionSchema = z.object({
  inputSchema: z.record(z.string(), z.unknown()),
  steps: z
    .array(
      z
        .object({
          id: z.string().regex(NAME, "step ids are letters, digits, _ and -"),
          model: z.string().min(1).max(128),
          inputs: bindings,
        })
        .strict(),
    )
    .min(1, "a workflow needs at least one step")
    .max(32),
  outputs: bindings,
});

export const WorkflowFieldsSchema = z.object({
  id: z.string().regex(WORKFLOW_SLUG, `ids are 1-${MAX_SLUG_LENGTH} characters of a-z, 0-9 and -`),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(""),
  visibility: z.enum(VISIBILITIES).default("private"),
});

export function workflowAddress(handle: string, slug: string): string {
  return `${handle}/${slug}`;
}

/**
 * The full address a caller means: `handle/slug` as given, a bare slug in the caller's own
 * namespace. Null when no workflow can have that address.
 */
export function resolveWorkflowAddress(id: string, ownHandle: string): string | null {
  const slash = id.indexOf("/");
  if (slash === -1) return WORKFLOW_SLUG.test(id) ? workflowAddress(ownHandle, id) : null;
  const handle = id.slice(0, slash);
  const slug = id.slice(slash + 1);
  return HANDLE.test(handle) && WORKFLOW_SLUG.test(slug) ? id : null;
}

/** Turns zod issues into the `details` of a BAD_USER_INPUT error. */
export function problemsFrom(error: z.ZodError, prefix = ""): InputProblem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
}

/**
 * Checks that every `from` points at a workflow input or an output of an EARLIER step.
 * Throws BAD_USER_INPUT listing every bad reference.
 */
export function checkBindings(
  definition: WorkflowDefinition,
  outputsOf: (model: string) => readonly string[] | "any" | null,
): void {
  const problems: InputProblem[] = [];
  const available = new Map<string, ReadonlySet<string> | "any">();
  const seen = new Set<string>();
  const check = (where: string, b: Binding) => {
    if (!("from" in b)) return;
    const [root, name, field, ...rest] = b.from.split(".");
    if (root === "input" && field === undefined && name !== "") return;
    const outputs = name ? available.get(name) : undefined;
    if (root === "steps" && outputs && field === undefined) return;
    if (root === "steps" && field && rest.length === 0 && (outputs === "any" || outputs?.has(field))) return;
    problems.push({ path: where, message: `"${b.from}" is not a workflow input or an output of an earlier step` });
  };
  definition.steps.forEach((step, i) => {
    if (seen.has(step.id)) problems.push({ path: `steps.${i}.id`, message: `duplicate step id "${step.id}"` });
    seen.add(step.id);
    for (const [name, b] of Object.entries(step.inputs)) check(`steps.${i}.inputs.${name}`, b);
    const outputs = outputsOf(step.model);
    if (outputs === null) problems.push({ path: `steps.${i}.model`, message: `unknown model "${step.model}"` });
    available.set(step.id, outputs === "any" ? "any" : new Set(outputs ?? []));
  });
  for (const [name, b] of Object.entries(definition.outputs)) check(`outputs.${name}`, b);
  if (problems.length > 0) throw KnoudsError.invalidInput(problems);
}

/** Resolves a binding against the workflow inputs and the step outputs so far. */
export function resolveBinding(
  b: Binding,
  inputs: Record<string, unknown>,
  stepOutputs: ReadonlyMap<string, Record<string, unknown>>,
): unknown {
  // A copy: the definition may be shared (cached), and model input checks fill in defaults.
  if ("value" in b) return typeof b.value === "object" && b.value !== null ? structuredClone(b.value) : b.value;
  const [root, name, field] = b.from.split(".") as [string, string | undefined, string | undefined];
  if (root === "input") return name === undefined ? inputs : inputs[name];
  const outputs = stepOutputs.get(name!);
  return field === undefined ? outputs : outputs?.[field];
}

/** Run inputs must be a JSON object; anything else is BAD_USER_INPUT. */
export function requireInputsObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw KnoudsError.invalidInput([{ path: "inputs", message: "must be an object" }]);
  }
  return value as Record<string, unknown>;
}
