/**
 * JSON Schema checks with Ajv. Model schemas come from the operator (built-ins and the models
 * file) and share one instance. Workflow input schemas come from tenants, so each is compiled
 * in a small Ajv of its own (checked against the meta-schema by the shared one first): one
 * tenant's `$id` can neither clash with nor be referenced by another's, and the compiled code
 * is freed with its validator (a shared Ajv keeps every compiled schema's code forever).
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import type { InputProblem } from "../domain/errors.js";
import { inputSchemaCost } from "../domain/input-schema-cost.js";
import { STRING_CHARS_PER_UNIT, jsonWeight } from "../domain/json-weight.js";
import { INPUT_SCHEMA_LIMITS } from "../domain/workflow-limits.js";

const OPTIONS: Options = { allErrors: true, strict: false, useDefaults: true, coerceTypes: false };

const operatorAjv = new Ajv(OPTIONS);

/**
 * Options for a tenant's Ajv: unknown formats and compile failures are not written to the
 * console; compiling (on the event loop, at create and at a version's first run on each
 * instance) skips Ajv's optimising pass and loops over long enums instead of inlining every
 * comparison, which takes a half to two thirds off compile time for validators that run
 * about as fast.
 */
const TENANT_OPTIONS: Options = {
  ...OPTIONS,
  meta: false,
  validateSchema: false,
  addUsedSchema: false,
  logger: false,
  code: { optimize: false },
  loopEnum: 16,
  // A `$ref` is a call, not a copy of its target: inlined, one big definition referenced from
  // many places grows the generated code (and the compile time) with the product of the two.
  inlineRefs: false,
};

export type Validator = (value: unknown) => InputProblem[];

/**
 * A tenant's validator; `charge` is told the checks a value will cost before they are made
 * (and may throw to refuse them), so a request's checks can be counted in all.
 */
export type TenantValidator = (value: unknown, charge?: (checks: number) => void) => InputProblem[];

function problems(errors: ErrorObject[] | null | undefined, prefix: string): InputProblem[] {
  const all = errors ?? [];
  const listed = all.slice(0, INPUT_SCHEMA_LIMITS.reportedProblems).map((e) => {
    const where = e.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const missing = e.keyword === "required" ? (e.params as { missingProperty?: string }).missingProperty : undefined;
    const extra = e.keyword === "additionalProperties" ? (e.params as { additionalProperty?: string }).additionalProperty : undefined;
    const path = [prefix, where, missing ?? extra].filter(Boolean).join(".");
    return { path, message: extra ? "is not allowed" : (e.message ?? "is invalid") };
  });
  const more = all.length - listed.length;
  return more > 0 ? [...listed, { path: prefix, message: `and ${more} more problems` }] : listed;
}

/** One JSON Pointer segment as written in the schema (`~1` is `/`, `~0` is `~`). */
function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

function asSchemaError(error: unknown): SchemaError {
  return error instanceof SchemaError ? error : new SchemaError(error instanceof Error ? error.message : "invalid JSON Schema");
}

function compileWith(ajv: Ajv, schema: Record<string, unknown>): ValidateFunction {
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw asSchemaError(error);
  }
  // An asynchronous validator answers with a promise, which would pass every input.
  if ((validate as { $async?: unknown }).$async) throw new SchemaError("asynchronous schemas ($async) are not supported");
  return validate;
}

/** Compiles an operator's (model) schema; throws SchemaError when the schema is invalid. */
export function compileValidator(schema: Record<string, unknown>, prefix: string): Validator {
  const validate = compileWith(operatorAjv, schema);
  return (value) => (validate(value) ? [] : problems(validate.errors, prefix));
}

/**
 * Compiles a tenant's workflow input schema; throws SchemaError when the schema is invalid,
 * asynchronous, or its validation cost has no bound (src/domain/input-schema-cost.ts). The
 * validator refuses inputs heavier than that bound allows before checking them, so no
 * validation costs more than INPUT_SCHEMA_LIMITS.validationChecks.
 */
export function compileTenantValidator(schema: Record<string, unknown>, prefix: string): TenantValidator {
  if (schema.$async !== undefined && schema.$async !== false) {
    throw new SchemaError("asynchronous schemas ($async) are not supported", "$async");
  }
  // First: it also bounds what the meta-schema check and the compiler below will cost.
  const cost = inputSchemaCost(schema);
  if (!cost.bounded) {
    const path = [cost.path, cost.keyword].filter(Boolean).join(".");
    throw new SchemaError(cost.keyword ? `"${cost.keyword}" ${cost.reason}` : cost.reason, path);
  }
  let valid: boolean;
  try {
    // Throws for a $schema it does not know (draft 2020-12, say): that is bad input too.
    valid = operatorAjv.validateSchema(schema) as boolean;
  } catch (error) {
    throw asSchemaError(error);
  }
  if (!valid) {
    // Pointed at the keyword that is wrong (`properties.n.minimum`), as every other refusal is.
    const first = operatorAjv.errors?.[0];
    const where = first ? first.instancePath.replace(/^\//, "").split("/").map(unescapePointer).join(".") : "";
    throw new SchemaError(first?.message ?? "schema is invalid", where);
  }
  const validate = compileWith(new Ajv(TENANT_OPTIONS), schema);
  const checksPerValue = Math.max(1, cost.checksPerValue);
  const maxWeight = Math.floor(INPUT_SCHEMA_LIMITS.validationChecks / checksPerValue);
  return (value, charge) => {
    const weight = jsonWeight(value, maxWeight);
    if (weight > maxWeight) {
      return [
        {
          path: prefix,
          message: `are too large for this workflow's input schema: they may weigh at most ${maxWeight} (one per value, one per ${STRING_CHARS_PER_UNIT} characters of strings and keys)`,
        },
      ];
    }
    charge?.(weight * checksPerValue);
    try {
      return validate(value) ? [] : problems(validate.errors, prefix);
    } catch (error) {
      // A long chain of references applied at every level can still run out of stack.
      if (!(error instanceof RangeError)) throw error;
      return [{ path: prefix, message: "nest too deeply to be checked against this workflow's input schema" }];
    }
  };
}

export class SchemaError extends Error {
  override name = "SchemaError";

  /** @param path where in the schema, dotted ("" for the whole schema) */
  constructor(
    message: string,
    readonly path = "",
  ) {
    super(message);
  }
}
