/**
 * Every bound on what a tenant may put in a workflow definition, and on what checking a run's
 * inputs against its input schema may cost. docs/limits.md#multi-tenant-safety lists
 * each of these; nothing else in the code repeats a number.
 */
export const DEFINITION_LIMITS = {
  /** Characters in a workflow's name. */
  nameChars: 100,
  /** Characters in a workflow's description. */
  descriptionChars: 2000,
  /** JSON characters of inputSchema + steps + outputs together. */
  definitionChars: 64 * 1024,
  /** JSON characters of the input schema alone (compiling it takes time on the event loop too). */
  inputSchemaChars: 16 * 1024,
  /** Steps in one workflow. */
  steps: 32,
  /** Input bindings of one step, and output bindings of the workflow. */
  bindings: 64,
  /** Characters in a `from` path. */
  bindingPathChars: 200,
} as const;

/**
 * What a tenant's input schema may cost. A "check" is one keyword of one subschema applied to
 * one input value: 20-40 ns when it passes, up to ~300 ns when it fails and Ajv records an
 * error (measured on a busy 2-core box). The analysis in input-schema-cost.ts proves, before a
 * schema is stored, how many checks one input value can cost at most (recursion, combinators
 * and `$ref` fan-out included); a run's inputs may then weigh (json-weight.ts) at most
 * validationChecks / that figure, so no request's validation exceeds validationChecks checks:
 * a few ms when the inputs are valid, about 30 ms when every check fails.
 */
export const INPUT_SCHEMA_LIMITS = {
  /** Subschemas (JSON objects in schema positions, definitions included) in one input schema. */
  subschemas: 120,
  /** Members of one `enum`. */
  enumValues: 500,
  /** Weight (json-weight.ts) of one `enum`, `const` or `default` value. */
  literalWeight: 2000,
  /** Checks one input value may cost, at any nesting depth. */
  checksPerValue: 10_000,
  /** Checks one request's inputs may cost in all. */
  validationChecks: 100_000,
  /** Problems listed in one BAD_USER_INPUT answer about inputs; the rest are summed up in one line. */
  reportedProblems: 20,
} as const;
