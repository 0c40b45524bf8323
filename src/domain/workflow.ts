/**
 * Workflow definitions: a slug in its owner's namespace (full address `handle/slug`), an input
 * JSON Schema, steps that each run one registry model with inputs bound to the workflow's
 * inputs or earlier steps' outputs, and outputs bound the same way. Pure: validation of the shape lives here; model existence is checked
 * by the runtime, which knows the registry.
 */
import { z } from "zod";
import { KnoudsError, type InputProblem } from "./errors.js";
import { HANDLE } from "./handle.js";
import { textProblem } from "./text.js";
import { DEFINITION_LIMITS } from "./workflow-limits.js";

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
  /**
   * When it last started a run (epoch ms); null or absent when never. Written behind the runs,
   * at most about a second late (WorkflowService.noteRun).
   */
  lastRunAt?: number | null;
}

/**
 * Names that would reach an object's prototype machinery instead of its data: refused as
 * binding names, step ids and `from` path segments, so a run never reads or writes them.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
const PROTOTYPE_KEYS_MESSAGE = "must not be __proto__, constructor or prototype";

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const stepId = z
  .string()
  .regex(NAME, "step ids are letters, digits, _ and -")
  .refine((id) => !PROTOTYPE_KEYS.has(id), PROTOTYPE_KEYS_MESSAGE);
const binding = z.union([
  z
    .object({
      from: z
        .string()
        .min(1)
        .max(DEFINITION_LIMITS.bindingPathChars)
        .refine((from) => !from.split(".").some((part) => PROTOTYPE_KEYS.has(part)), `path segments ${PROTOTYPE_KEYS_MESSAGE}`),
    })
    .strict(),
  z.object({ value: z.unknown() }).strict(),
]);
const bindings = z
  .record(z.string(), z.unknown())
  .superRefine((raw, ctx) => {
    const names = Object.keys(raw);
    if (names.length > DEFINITION_LIMITS.bindings)
      ctx.addIssue({ code: "custom", message: `at most ${DEFINITION_LIMITS.bindings} bindings` });
    for (const name of names) {
      if (!NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "names are letters, digits, _ and -" });
      else if (PROTOTYPE_KEYS.has(name)) ctx.addIssue({ code: "custom", path: [name], message: PROTOTYPE_KEYS_MESSAGE });
    }
  })
  .pipe(z.record(z.string(), binding));

const inputSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (schema) => JSON.stringify(schema).length <= DEFINITION_LIMITS.inputSchemaChars,
    `an input schema is at most ${DEFINITION_LIMITS.inputSchemaChars} characters of JSON`,
  );

/** Where the first `__proto__` key in `value` is, as zod path segments; null when there is none. */
function prototypeKeyPath(value: unknown): Array<string | number> | null {
  const pending: Array<{ node: unknown; path: Array<string | number> }> = [{ node: value, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (Object.hasOwn(node, "__proto__")) return [...path, "__proto__"];
    for (const [key, child] of Object.entries(node))
      pending.push({ node: child, path: [...path, Array.isArray(node) ? Number(key) : key] });
  }
  return null;
}

/**
 * A `__proto__` key is refused anywhere in a definition, before parsing: parsing would assign
 * it (replacing an object's prototype with the sender's object) rather than copy it.
 */
export const WorkflowDefinitionSchema = z
  .unknown()
  .superRefine((raw, ctx) => {
    const path = prototypeKeyPath(raw);
    if (path) ctx.addIssue({ code: "custom", path, message: "__proto__ is not allowed as a key" });
  })
  .pipe(
    z.object({
      inputSchema,
      steps: z
        .array(z.object({ id: stepId, model: z.string().min(1).max(128), inputs: bindings }).strict())
        .min(1, "a workflow needs at least one step")
        .max(DEFINITION_LIMITS.steps),
      outputs: bindings,
    }),
  );

const identityText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const problem = textProblem(text);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    });

export const WorkflowFieldsSchema = z.object({
  id: z.string().regex(WORKFLOW_SLUG, `ids are 1-${MAX_SLUG_LENGTH} characters of a-z, 0-9 and -`),
  name: identityText(DEFINITION_LIMITS.nameChars),
  description: z.string().max(DEFINITION_LIMITS.descriptionChars).default(""),
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
export function checkBindings(definition: WorkflowDefinition, outputsOf: (model: string) => readonly string[] | "any" | null): void {
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
  // Own properties only: a binding stored before PROTOTYPE_KEYS were refused still never reaches them.
  if (root === "input") return name === undefined ? inputs : ownValue(inputs, name);
  const outputs = stepOutputs.get(name!);
  return field === undefined || outputs === undefined ? outputs : ownValue(outputs, field);
}

function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Run inputs must be a JSON object; anything else is BAD_USER_INPUT. */
export function requireInputsObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw KnoudsError.invalidInput([{ path: "inputs", message: "must be an object" }]);
  }
  return value as Record<string, unknown>;
}
