/**
 * What a field declares about the size of its answer, read by the cost (query-cost.ts): its
 * weight, how many items a list holds, how long a text is, whether its bytes are counted as
 * stored JSON. Checked once when the schema is built (`uncostedFields`): a list that declares no
 * size, or a JSON field outside the JSON budget, stops the build rather than costing one item.
 */
import { getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, type GraphQLField, type GraphQLSchema } from "graphql";
import { DEFINITION_LIMITS } from "../domain/workflow-limits.js";

/** Answer bytes one cost unit may stand for. */
export const COST_UNIT_BYTES = 512;

/** Weights of fields whose answers are longer than one unit. */
export const FIELD_COST = {
  /** Free text as long as a workflow description: at most 6 bytes a character in JSON (\u0000-style escapes). */
  longText: Math.ceil((DEFINITION_LIMITS.descriptionChars * 6) / COST_UNIT_BYTES),
  /**
   * Stored JSON (definitions, run inputs and outputs). Its bytes are counted as they are answered
   * (answer-budget.ts); the weight makes a list of them costly enough that aliases cannot multiply
   * it past the limit.
   */
  json: 10,
} as const;

export const COST_EXTENSIONS = {
  weight: "knoudsCost",
  maxItems: "knoudsMaxItems",
  onePage: "knoudsOnePage",
  maxCharacters: "knoudsMaxCharacters",
  ascii: "knoudsAscii",
  storedJson: "knoudsStoredJson",
  argumentCost: "knoudsArgumentCost",
} as const;

type Declaration = { extensions: Record<string, number | boolean> };

/** Field options giving a field a weight above 1 (`t.field({ ...weighs(FIELD_COST.longText), ... })`). */
export function weighs(cost: number): Declaration {
  return { extensions: { [COST_EXTENSIONS.weight]: cost } };
}

/** Field options for a list that is not a connection but has at most `items` entries. */
export function holdsAtMost(items: number): Declaration {
  return { extensions: { [COST_EXTENSIONS.maxItems]: items } };
}

/** Field options for a connection's `edges`: as many items as the connection's `first` or `last` asks for. */
export function holdsOnePage(): Declaration {
  return { extensions: { [COST_EXTENSIONS.onePage]: true } };
}

/**
 * Field options for a String or ID longer than the defaults (ANSWER_TEXT); `ascii` when every
 * character is one byte in JSON (ids, cursors, key values).
 */
export function answersAtMost(characters: number, encoding: "text" | "ascii" = "text"): Declaration {
  return { extensions: { [COST_EXTENSIONS.maxCharacters]: characters, [COST_EXTENSIONS.ascii]: encoding === "ascii" } };
}

/**
 * Field options for a field answered through `answerJson` (answer-budget.ts): its bytes count in
 * the request's JSON budget, not in the cost, and it may be refused item by item once that is spent.
 */
export function storedJson(cost: number = FIELD_COST.json): Declaration {
  return { extensions: { [COST_EXTENSIONS.weight]: cost, [COST_EXTENSIONS.storedJson]: true } };
}

/**
 * Field options for a field whose work depends on its arguments (a filter that makes a scan,
 * a definition to compile): `cost` gets the arguments as given, variables filled in (JSON as
 * sent, enums as names), and answers the units the field weighs besides its weight, once per
 * time the field is asked for.
 */
export function weighsArguments(cost: (args: Readonly<Record<string, unknown>>) => number): { extensions: Record<string, unknown> } {
  return { extensions: { [COST_EXTENSIONS.argumentCost]: cost } };
}

/** Longest texts answered without a declaration: a name, and an id (`handle/slug` is the longest). */
export const ANSWER_TEXT = { stringCharacters: 100, idCharacters: 104 } as const;

function fieldsWithReturnType(schema: GraphQLSchema, typeName: string): Array<GraphQLField<unknown, unknown>> {
  const found: Array<GraphQLField<unknown, unknown>> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) if (getNamedType(field.type).name === typeName) found.push(field);
  }
  return found;
}

/**
 * Fields whose answer size the cost cannot bound, as `Type.field: why`; empty when every list
 * declares its size (holdsAtMost, or holdsOnePage under fields that take `first`/`last`) and every
 * JSON field is counted in the JSON budget (storedJson).
 */
export function uncostedFields(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || (!isObjectType(type) && !isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const where = `${type.name}.${field.name}`;
      const extensions = field.extensions as Record<string, unknown>;
      if (getNamedType(field.type).name === "JSON" && extensions[COST_EXTENSIONS.storedJson] !== true) {
        problems.push(`${where}: a JSON field must be answered through answerJson and declare storedJson()`);
      }
      const outer = getNullableType(field.type);
      if (!isListType(outer)) continue;
      if (isListType(getNullableType(outer.ofType))) {
        problems.push(`${where}: a list of lists has no declared size`);
      } else if (typeof extensions[COST_EXTENSIONS.maxItems] === "number") {
      } else if (extensions[COST_EXTENSIONS.onePage] === true) {
        for (const parent of fieldsWithReturnType(schema, type.name)) {
          if (!parent.args.some((arg) => arg.name === "first" || arg.name === "last")) {
            problems.push(`${where}: holds one page, but ${parent.name} returns it without first or last`);
          }
        }
      } else {
        problems.push(`${where}: a list must declare its size (holdsAtMost, or holdsOnePage on a connection)`);
      }
    }
  }
  return problems;
}
