/**
 * The cost limit, counting list sizes (docs/limits.md#cost-limit): checked per request, with its variables, before
 * any resolver runs. graphql-armor's cost rule runs at validation, which yoga caches per document
 * and which cannot see variables, so `first: $n` would cost nothing there.
 *
 * Each field asked for costs its weight (1 unless its definition says more, see `weighs`), plus
 * one for every 128 characters of its answer key (a long alias is answer bytes too). What is
 * asked under a field with a `first` argument counts once per item of the page (`first`, default
 * PAGE_SIZE.default); a fixed short list declares its `maxItems`. Fragments count where spread;
 * aliases count once each. A cost unit stands for at most COST_UNIT_BYTES of answer, so
 * DOCUMENT_LIMITS.maxCost units bound the answer outside the JSON budget (answer-budget.ts).
 */
import {
  GraphQLError,
  GraphQLInt,
  Kind,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  valueFromAST,
  valueFromASTUntyped,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { KnoudsError, toGraphQLError } from "../domain/errors.js";
import { PAGE_SIZE } from "../domain/pages.js";
import { DEFINITION_LIMITS } from "../domain/workflow-limits.js";

/** Answer bytes one cost unit may stand for: an id, a name of 100 characters, a date, a number. */
export const COST_UNIT_BYTES = 512;
const KEY_CHARACTERS_PER_UNIT = 128;

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

const COST = "knoudsCost";
const MAX_ITEMS = "knoudsMaxItems";
const ARGUMENT_COST = "knoudsArgumentCost";

/** Field options giving a field a weight above 1 (`t.field({ ...weighs(FIELD_COST.json), ... })`). */
export function weighs(cost: number): { extensions: Record<string, number> } {
  return { extensions: { [COST]: cost } };
}

/** Field options for a list that is not a connection but has at most `items` entries. */
export function holdsAtMost(items: number): { extensions: Record<string, number> } {
  return { extensions: { [MAX_ITEMS]: items } };
}

/**
 * Field options for a field whose work depends on its arguments (a filter that makes a scan,
 * a definition to compile): `cost` gets the arguments as given, variables filled in (JSON as
 * sent, enums as names), and answers the units the field weighs besides its weight, once per
 * time the field is asked for.
 */
export function weighsArguments(cost: (args: Readonly<Record<string, unknown>>) => number): {
  extensions: Record<string, unknown>;
} {
  return { extensions: { [ARGUMENT_COST]: cost } };
}

type Variables = Record<string, unknown>;

function fieldsOf(type: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown>> {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : {};
}

/**
 * Costs of documents whose cost does not depend on variables, by operation name. Yoga hands the
 * same parsed document to every request with the same text, so the run path pays a lookup.
 */
const fixedCosts = new WeakMap<DocumentNode, Map<string, number>>();

/** The cost of the operation that will run, or 0 when there is none (execution reports that). */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Variables | null | undefined,
): number {
  const known = fixedCosts.get(document)?.get(operationName ?? "");
  if (known !== undefined) return known;
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let variables: Variables | undefined;
  /** The request's variables, with the operation's defaults for those it left out. */
  function requestVariables(): Variables {
    if (variables) return variables;
    variables = { ...rawVariables };
    for (const definition of operation!.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (variables[name] === undefined && definition.defaultValue) {
        variables[name] = valueFromAST(definition.defaultValue, GraphQLInt) ?? null;
      }
    }
    return variables;
  }

  /** How many times what is asked under `node` is answered. */
  function itemsUnder(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode): number {
    if (!field) return 1;
    if (!field.args.some((arg) => arg.name === "first")) {
      const declared = field.extensions[MAX_ITEMS];
      return typeof declared === "number" ? declared : 1;
    }
    const value = node.arguments?.find((arg) => arg.name.value === "first")?.value;
    if (value === undefined) return PAGE_SIZE.default;
    const first = value.kind === Kind.VARIABLE ? requestVariables()[value.name.value] : valueFromAST(value, GraphQLInt);
    if (first === undefined || first === null) return PAGE_SIZE.default;
    // Out of range is refused by the field (BAD_USER_INPUT) with a clearer message than a cost;
    // what is not an integer is refused by execution, and never counts as less than a full page.
    return Number.isInteger(first) ? Math.min(Math.max(first as number, 0), PAGE_SIZE.max) : PAGE_SIZE.max;
  }

  /** Whether the cost read a variable through `argumentsOf`: then it is not cached. */
  let readArgumentVariables = false;
  let untypedVariables: Variables | undefined;
  function argumentsOf(node: FieldNode): Variables {
    const args: Variables = {};
    for (const argument of node.arguments ?? []) {
      if (usesVariables(argument.value)) {
        readArgumentVariables = true;
        untypedVariables ??= variablesAsSent();
      }
      args[argument.name.value] = valueFromASTUntyped(argument.value, untypedVariables);
    }
    return args;
  }
  function variablesAsSent(): Variables {
    const sent: Variables = { ...rawVariables };
    for (const definition of operation!.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (sent[name] === undefined && definition.defaultValue) sent[name] = valueFromASTUntyped(definition.defaultValue);
    }
    return sent;
  }

  // Cost is linear in how often a selection repeats, so a fragment is costed once.
  const fragmentCosts = new Map<string, number>();
  const expanding = new Set<string>();

  function cost(selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldsOf(type)[selection.name.value];
        const key = (selection.alias ?? selection.name).value;
        const weight = field?.extensions[COST];
        total += (typeof weight === "number" ? weight : 1) + Math.floor(key.length / KEY_CHARACTERS_PER_UNIT);
        const byArguments = field?.extensions[ARGUMENT_COST];
        if (typeof byArguments === "function") total += (byArguments as (args: Variables) => number)(argumentsOf(selection));
        if (selection.selectionSet) {
          total += itemsUnder(field, selection) * cost(selection.selectionSet, field ? getNamedType(field.type) : undefined);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += cost(selection.selectionSet, condition ?? undefined);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment cycle is refused by validation; here it only must not loop.
        if (!fragment || expanding.has(name)) continue;
        let fragmentCost = fragmentCosts.get(name);
        if (fragmentCost === undefined) {
          expanding.add(name);
          fragmentCost = cost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
          expanding.delete(name);
          fragmentCosts.set(name, fragmentCost);
        }
        total += fragmentCost;
      }
    }
    return total;
  }

  const total = cost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  if (variables === undefined && !readArgumentVariables) {
    let byName = fixedCosts.get(document);
    if (!byName) fixedCosts.set(document, (byName = new Map()));
    byName.set(operationName ?? "", total);
  }
  return total;
}

function usesVariables(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(usesVariables);
  if (value.kind === Kind.OBJECT) return value.fields.some((field) => usesVariables(field.value));
  return false;
}

/** Refuses, before anything runs, an operation whose cost is over `maxCost`. */
export function queryCostLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = queryCost(args.schema, args.document, args.operationName, args.variableValues as Variables);
      if (cost <= maxCost) return;
      const message =
        `This operation costs ${cost}, over the limit of ${maxCost}: every field counts, once per item ` +
        `of each list it is in (first, default ${PAGE_SIZE.default}). Ask for fewer items or fewer fields.`;
      const shape = toGraphQLError(KnoudsError.invalidInput([{ path: "", message }], message));
      setResultAndStopExecution({ errors: [new GraphQLError(shape.message, { extensions: shape.extensions })] });
    },
  };
}
