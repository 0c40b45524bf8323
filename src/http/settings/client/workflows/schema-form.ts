/**
 * A run form from a workflow's input schema, for the subset people use: strings (an `enum` as a
 * select), numbers and integers with bounds, booleans, arrays of these, nested objects,
 * `required`, `default`, `title` and `description`. Anything else is one JSON field. Pure (no
 * DOM), so the rules are unit-tested; the server stays the validator of record: the form never
 * refuses a value the server would accept, and the server's BAD_USER_INPUT details (paths like
 * `inputs.n`) find their field with `problemsByField`.
 */

type Schema = Record<string, unknown>;

/** Where a field's value sits in the inputs: property names and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

interface FieldBase {
  /** Property name (empty for an array's items and the whole-inputs JSON field). */
  name: string;
  label: string;
  hint?: string;
  required: boolean;
}

export type Field =
  | (FieldBase & { kind: "text"; minLength?: number; maxLength?: number; default?: string })
  | (FieldBase & { kind: "select"; options: Array<{ label: string; value: unknown }>; default?: unknown })
  | (FieldBase & { kind: "number"; integer: boolean; min?: number; max?: number; default?: number })
  | (FieldBase & { kind: "checkbox"; default?: boolean })
  | (FieldBase & { kind: "list"; item: Field; minItems?: number; maxItems?: number; default?: unknown[] })
  | (FieldBase & { kind: "group"; fields: Field[] })
  | (FieldBase & { kind: "json"; default?: unknown });

/**
 * What the form holds while it is edited: text for text, select (the option's JSON), number
 * (as typed) and JSON fields; a boolean for a checkbox; arrays and objects for lists and groups.
 */
export type FormValue = string | boolean | FormValue[] | { [name: string]: FormValue };

/** One problem, as BAD_USER_INPUT's details name it: `inputs.n`, `inputs.tags.1`. */
export interface InputProblem {
  path: string;
  message: string;
}

const SCALAR_TYPES = new Set(["string", "number", "integer", "boolean"]);
/** Keywords the generated fields know how to show; a schema with any other is a JSON field. */
const KNOWN = new Set([
  "type",
  "title",
  "description",
  "default",
  "enum",
  "minLength",
  "maxLength",
  "format",
  "minimum",
  "maximum",
  "multipleOf",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "examples",
  "$schema",
  "$id",
  "$comment",
]);

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function describeBounds(min: number | undefined, max: number | undefined, unit = ""): string | undefined {
  if (min !== undefined && max !== undefined) return `${min} to ${max}${unit}`;
  if (min !== undefined) return `At least ${min}${unit}`;
  if (max !== undefined) return `At most ${max}${unit}`;
  return undefined;
}

function joinHints(...hints: Array<string | undefined>): string | undefined {
  const present = hints.filter((hint): hint is string => Boolean(hint));
  return present.length > 0 ? present.map((hint) => (/[.!?]$/.test(hint) ? hint : `${hint}.`)).join(" ") : undefined;
}

/** The field for one schema, or a JSON field when it is outside the subset. */
export function fieldFor(schema: unknown, name: string, required: boolean): Field {
  const label = isObject(schema) && typeof schema.title === "string" && schema.title.trim() !== "" ? schema.title : name;
  const description = isObject(schema) && typeof schema.description === "string" ? schema.description : undefined;
  const base = { name, label, required };
  const json = (): Field => ({
    ...base,
    kind: "json",
    hint: joinHints(description, "JSON"),
    ...(isObject(schema) && schema.default !== undefined ? { default: schema.default } : {}),
  });
  if (!isObject(schema) || Object.keys(schema).some((keyword) => !KNOWN.has(keyword))) return json();
  const type = schema.type;
  const fallbackDefault = schema.default;

  if (Array.isArray(schema.enum)) {
    const values = schema.enum;
    if (values.length === 0 || !values.every(isScalar)) return json();
    if (type !== undefined && !(typeof type === "string" && SCALAR_TYPES.has(type))) return json();
    return {
      ...base,
      kind: "select",
      hint: description,
      options: values.map((value) => ({ label: String(value), value })),
      ...(values.some((value) => value === fallbackDefault) ? { default: fallbackDefault } : {}),
    };
  }
  switch (type) {
    case "string": {
      const minLength = numberOr(schema.minLength);
      const maxLength = numberOr(schema.maxLength);
      return {
        ...base,
        kind: "text",
        hint: description,
        ...(minLength !== undefined ? { minLength } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
        ...(typeof fallbackDefault === "string" ? { default: fallbackDefault } : {}),
      };
    }
    case "number":
    case "integer": {
      const min = numberOr(schema.minimum);
      const max = numberOr(schema.maximum);
      return {
        ...base,
        kind: "number",
        integer: type === "integer",
        hint: joinHints(description, describeBounds(min, max)),
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(typeof fallbackDefault === "number" ? { default: fallbackDefault } : {}),
      };
    }
    case "boolean":
      return {
        ...base,
        kind: "checkbox",
        hint: description,
        ...(typeof fallbackDefault === "boolean" ? { default: fallbackDefault } : {}),
      };
    case "array": {
      if (!isObject(schema.items)) return json();
      const item = fieldFor(schema.items, "", true);
      if (item.kind === "json") return json();
      const minItems = numberOr(schema.minItems);
      const maxItems = numberOr(schema.maxItems);
      return {
        ...base,
        kind: "list",
        item: { ...item, label: item.label || "Item" },
        hint: joinHints(description, describeBounds(minItems, maxItems, " items")),
        ...(minItems !== undefined ? { minItems } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
        ...(Array.isArray(fallbackDefault) ? { default: fallbackDefault } : {}),
      };
    }
    case "object": {
      const fields = objectFields(schema);
      return fields ? { ...base, kind: "group", hint: description, fields } : json();
    }
    default:
      return json();
  }
}

/** The fields of an object schema with properties, or null when it is not one the form can show. */
function objectFields(schema: Schema): Field[] | null {
  if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) return null;
  // A map of arbitrary keys (additionalProperties a schema, or true) needs the JSON field to add keys.
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return null;
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === "string") : []);
  return Object.entries(schema.properties).map(([name, property]) => fieldFor(property, name, required.has(name)));
}

/**
 * The run form of a workflow's input schema: one field per property, or a single JSON field
 * for the whole inputs when the root is not an object with properties the form can show.
 */
export function formFields(inputSchema: unknown): Field[] {
  const root = isObject(inputSchema) && Object.keys(inputSchema).every((keyword) => KNOWN.has(keyword)) ? inputSchema : null;
  const fields = root && (root.type === "object" || root.type === undefined) ? objectFields(root) : null;
  return fields ?? [{ name: "", label: "Inputs", hint: "The run's inputs as a JSON object.", required: true, kind: "json" }];
}

/** The value a field starts with: its schema's default, else empty. */
export function initialValue(field: Field): FormValue {
  switch (field.kind) {
    case "text":
      return field.default ?? "";
    case "select":
      return field.default !== undefined ? JSON.stringify(field.default) : "";
    case "number":
      return field.default !== undefined ? String(field.default) : "";
    case "checkbox":
      return field.default ?? false;
    case "list":
      return (field.default ?? []).map((item) => valueFromInput(field.item, item));
    case "group":
      return Object.fromEntries(field.fields.map((child) => [child.name, initialValue(child)]));
    case "json":
      return field.default !== undefined ? JSON.stringify(field.default, null, 2) : field.name === "" ? "{}" : "";
  }
}

/** A form value showing `value` (a default, or an earlier run's input) in `field`. */
export function valueFromInput(field: Field, value: unknown): FormValue {
  switch (field.kind) {
    case "text":
      return typeof value === "string" ? value : "";
    case "select":
      return field.options.some((option) => option.value === value) ? JSON.stringify(value) : "";
    case "number":
      return typeof value === "number" ? String(value) : "";
    case "checkbox":
      return value === true;
    case "list":
      return Array.isArray(value) ? value.map((item) => valueFromInput(field.item, item)) : [];
    case "group": {
      const object = isObject(value) ? value : {};
      return Object.fromEntries(
        field.fields.map((child) => [child.name, child.name in object ? valueFromInput(child, object[child.name]) : initialValue(child)]),
      );
    }
    case "json":
      return value === undefined ? "" : JSON.stringify(value, null, 2);
  }
}

/** The dotted form of a path, as the server's details write it after `inputs`. */
export function pathKey(path: FieldPath): string {
  return ["inputs", ...path].join(".");
}

/**
 * The inputs a run is sent with, from what the form holds. Left empty, an optional field is
 * left out, and so is a required one (the server then says it is required, beside it). A
 * number that does not parse goes as typed, so the server names the problem; only a JSON
 * field that does not parse is refused here (`problems`), since the server cannot see it.
 */
export function formInputs(fields: readonly Field[], values: Record<string, FormValue>): { inputs: unknown; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const [only] = fields;
  if (fields.length === 1 && only?.kind === "json" && only.name === "") {
    const inputs = inputOf(only, values[""] ?? "{}", [], problems, false);
    return { inputs: inputs ?? {}, problems };
  }
  const inputs: Record<string, unknown> = {};
  for (const field of fields) {
    const value = inputOf(field, values[field.name] ?? initialValue(field), [field.name], problems, false);
    if (value !== undefined) inputs[field.name] = value;
  }
  return { inputs, problems };
}

/** One field's input; undefined leaves it out. In an array (`inList`) an empty item stays, so indexes match the rows. */
function inputOf(field: Field, value: FormValue, path: FieldPath, problems: InputProblem[], inList: boolean): unknown {
  switch (field.kind) {
    case "text":
      return typeof value === "string" && (value !== "" || inList) ? value : undefined;
    case "select":
      return typeof value === "string" && value !== "" ? JSON.parse(value) : inList ? null : undefined;
    case "number": {
      const text = typeof value === "string" ? value.trim() : "";
      if (text === "") return inList ? null : undefined;
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    case "checkbox":
      return value === true;
    case "list": {
      const rows = Array.isArray(value) ? value : [];
      if (rows.length === 0 && !field.required && field.default === undefined) return undefined;
      return rows.map((row, index) => inputOf(field.item, row, [...path, index], problems, true));
    }
    case "group": {
      const object = isObject(value) ? (value as Record<string, FormValue>) : {};
      const result: Record<string, unknown> = {};
      for (const child of field.fields) {
        const input = inputOf(child, object[child.name] ?? initialValue(child), [...path, child.name], problems, false);
        if (input !== undefined) result[child.name] = input;
      }
      return Object.keys(result).length === 0 && !field.required && !inList ? undefined : result;
    }
    case "json": {
      const text = typeof value === "string" ? value.trim() : "";
      if (text === "") return inList ? null : undefined;
      try {
        return JSON.parse(text);
      } catch (error) {
        problems.push({ path: pathKey(path), message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
        return undefined;
      }
    }
  }
}

/**
 * Each problem beside the field it names: the shown field (list rows included) whose path is
 * the longest prefix of the problem's path, so a problem inside a JSON field belongs to it.
 * Problems that name no shown field (`inputs` itself, a property the form does not show) are
 * under "". A `required` problem names the missing property (`inputs.prompt`): it lands there.
 */
export function problemsByField(
  fields: readonly Field[],
  values: Record<string, FormValue>,
  problems: readonly InputProblem[],
): Map<string, string[]> {
  const shown = new Set<string>();
  const walk = (field: Field, path: FieldPath, value: FormValue | undefined) => {
    shown.add(pathKey(path));
    if (field.kind === "group") {
      const object = isObject(value) ? (value as Record<string, FormValue>) : {};
      for (const child of field.fields) walk(child, [...path, child.name], object[child.name]);
    } else if (field.kind === "list" && Array.isArray(value)) {
      for (const [index, row] of value.entries()) walk(field.item, [...path, index], row);
    }
  };
  for (const field of fields) walk(field, field.name === "" ? [] : [field.name], values[field.name]);
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    const segments = problem.path.split(".");
    let key = "";
    for (let length = segments.length; length > 0 && key === ""; length--) {
      const candidate = segments.slice(0, length).join(".");
      if (shown.has(candidate)) key = candidate;
    }
    byField.set(key, [...(byField.get(key) ?? []), problem.message]);
  }
  return byField;
}
