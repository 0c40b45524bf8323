/** One Ajv instance for every JSON Schema we check: workflow inputs, model inputs and outputs. */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { InputProblem } from "../domain/errors.js";

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: false });

export type Validator = (value: unknown) => InputProblem[];

function problems(errors: ErrorObject[] | null | undefined, prefix: string): InputProblem[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const missing = e.keyword === "required" ? (e.params as { missingProperty?: string }).missingProperty : undefined;
    const extra = e.keyword === "additionalProperties"
      ? (e.params as { additionalProperty?: string }).additionalProperty
      : undefined;
    const path = [prefix, where, missing ?? extra].filter(Boolean).join(".");
    return { path, message: extra ? "is not allowed" : (e.message ?? "is invalid") };
  });
}

/** Compiles a schema; throws BAD_USER_INPUT-ready problems when the schema itself is invalid. */
export function compileValidator(schema: Record<string, unknown>, prefix: string): Validator {
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new SchemaError(error instanceof Error ? error.message : "invalid JSON Schema");
  }
  return (value) => (validate(value) ? [] : problems(validate.errors, prefix));
}

export class SchemaError extends Error {
  override name = "SchemaError";
}
