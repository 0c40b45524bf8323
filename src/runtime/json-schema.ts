/**
 * JSON Schema checks with Ajv. Model schemas come from the operator (built-ins and the models
 * file) and share one instance. Workflow input schemas come from tenants, so each is compiled
 * in a small Ajv of its own (checked against the meta-schema by the shared one first): one
 * tenant's `$id` can neither clash with nor be referenced by another's, and the compiled code
 * is freed with its validator (a shared Ajv keeps every compiled schema's code forever).
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import type { InputProblem } from "../domain/errors.js";

const OPTIONS: Options = { allErrors: true, strict: false, useDefaults: true, coerceTypes: false };

const operatorAjv = new Ajv(OPTIONS);

/**
 * Keywords a tenant's schema may not use: a regular expression of the tenant's choosing, run
 * on the main thread, could backtrack for minutes on a short input and stall every request.
 */
const TENANT_FORBIDDEN = ["pattern", "patternProperties"];

function tenantAjv(): Ajv {
  // The meta-schema check is done once by operatorAjv; without it a new instance costs ~0.4 ms.
  const ajv = new Ajv({ ...OPTIONS, meta: false, validateSchema: false, addUsedSchema: false });
  for (const keyword of TENANT_FORBIDDEN) {
    ajv.removeKeyword(keyword);
    ajv.addKeyword({
      keyword,
      compile() {
        throw new SchemaError(`"${keyword}" is not supported in workflow input schemas (regular expressions are not run)`);
      },
    });
  }
  return ajv;
}

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

function asSchemaError(error: unknown): SchemaError {
  return error instanceof SchemaError ? error : new SchemaError(error instanceof Error ? error.message : "invalid JSON Schema");
}

function compileWith(ajv: Ajv, schema: Record<string, unknown>, prefix: string): Validator {
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw asSchemaError(error);
  }
  // An asynchronous validator answers with a promise, which would pass every input.
  if ((validate as { $async?: unknown }).$async) throw new SchemaError("asynchronous schemas ($async) are not supported");
  return (value) => (validate(value) ? [] : problems(validate.errors, prefix));
}

/** Compiles an operator's (model) schema; throws SchemaError when the schema is invalid. */
export function compileValidator(schema: Record<string, unknown>, prefix: string): Validator {
  return compileWith(operatorAjv, schema, prefix);
}

/**
 * Compiles a tenant's workflow input schema; throws SchemaError when the schema is invalid,
 * asynchronous, or uses a forbidden keyword.
 */
export function compileTenantValidator(schema: Record<string, unknown>, prefix: string): Validator {
  if (schema.$async !== undefined && schema.$async !== false) {
    throw new SchemaError("asynchronous schemas ($async) are not supported");
  }
  let valid: boolean;
  try {
    // Throws for a $schema it does not know (draft 2020-12, say): that is bad input too.
    valid = operatorAjv.validateSchema(schema) as boolean;
  } catch (error) {
    throw asSchemaError(error);
  }
  if (!valid) throw new SchemaError(`schema is invalid: ${operatorAjv.errorsText(operatorAjv.errors, { dataVar: "schema" })}`);
  return compileWith(tenantAjv(), schema, prefix);
}

export class SchemaError extends Error {
  override name = "SchemaError";
}
