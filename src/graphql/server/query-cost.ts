/**
 * The cost limit, counting list sizes (docs/limits.md#cost-limit): checked per request, with its variables, before
 * any resolver runs. graphql-armor's cost rule runs at validation, which yoga caches per document
 * and which cannot see variables, so `first: $n` would cost nothing there.
 *
 * Two counts, and the cost is the larger: units, where each field asked for costs its weight (1
 * unless its definition says more, see `weighs`), once per item of every list it is in; and the
 * most bytes the answer can have, divided by COST_UNIT_BYTES. A list counts as many items as it
 * can hold: a connection's `edges` its `first` or `last` (default PAGE_SIZE.default), a short list
 * its declared `holdsAtMost`. The bytes count every answer key (aliases are written in full),
 * quotes, colons, commas, brackets, the longest value of each scalar (a text's declared length, 6
 * bytes a character for \u-escapes), null where a field may be null, and an error entry (its path
 * included) where a field may be refused item by item. Stored JSON is counted as it is answered
 * (answer-budget.ts), outside the cost. So one answer is at most cost × COST_UNIT_BYTES plus the
 * JSON budget, which the GraphQL route checks again before sending (graphql-route.ts).
 */
import {
  GraphQLError,
  GraphQLInt,
  Kind,
  getNamedType,
  getOperationAST,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  executeSync,
  getIntrospectionQuery,
  parse,
  valueFromAST,
  valueFromASTUntyped,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { KnoudsError, toGraphQLError } from "../../domain/errors.js";
import { PAGE_SIZE } from "../../domain/pages.js";
import { answerJsonBudget } from "../answer-budget.js";
import type { GraphQLContext } from "../context.js";
import { ANSWER_TEXT, COST_EXTENSIONS, COST_UNIT_BYTES } from "../cost-declarations.js";

/** JSON bytes of the longest value of each built-in kind: -2147483648, a double, false, "+275760-09-13T00:00:00.000Z". */
const SCALAR_BYTES: Record<string, number> = { Int: 11, Float: 24, Boolean: 5, DateTime: 29 };
/** JSON bytes of `null`. */
const NULL_BYTES = 4;
/** An error entry besides its path: message, locations, extensions (code, details). */
export const REFUSAL_BYTES = 1024;
/** `{"data":`, `,"errors":[`, `]}`. */
const ENVELOPE_BYTES = 32;

type Variables = Record<string, unknown>;
type Field = GraphQLField<unknown, unknown>;
interface Size {
  units: number;
  bytes: number;
}

function fieldsOf(type: GraphQLNamedType | undefined): Record<string, Field> {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : {};
}

const enumBytes = new WeakMap<GraphQLNamedType, number>();
const typeNameBytes = new WeakMap<GraphQLSchema, number>();

/** JSON bytes of the longest value a leaf field answers (stored JSON: null, its bytes are counted apart). */
function leafBytes(field: Field | undefined, type: GraphQLNamedType | undefined): number {
  const declared = field?.extensions ?? {};
  if (declared[COST_EXTENSIONS.storedJson] === true || type === undefined) return NULL_BYTES;
  if (isEnumType(type)) {
    let bytes = enumBytes.get(type);
    if (bytes === undefined) {
      bytes = 2 + Math.max(...type.getValues().map((v) => v.name.length));
      enumBytes.set(type, bytes);
    }
    return bytes;
  }
  const fixed = SCALAR_BYTES[type.name];
  if (fixed !== undefined) return fixed;
  const characters = declared[COST_EXTENSIONS.maxCharacters];
  if (type.name === "ID") return 2 + (typeof characters === "number" ? characters : ANSWER_TEXT.idCharacters);
  const length = typeof characters === "number" ? characters : ANSWER_TEXT.stringCharacters;
  return 2 + length * (declared[COST_EXTENSIONS.ascii] === true ? 1 : 6);
}

/** A field whose resolver may refuse it item by item: an error entry instead of its value. */
function mayRefuse(field: Field, root: boolean): boolean {
  const declared = field.extensions as Record<string, unknown>;
  return root || declared[COST_EXTENSIONS.storedJson] === true || (Array.isArray(declared.directives) && declared.directives.length > 0);
}

const introspectionUnits = new WeakMap<GraphQLSchema, number>();

/**
 * What one `__schema` or `__type` field costs: twice the full introspection answer of this
 * schema (every option on, as GraphiQL and codegen ask), in units. Introspection answers hold
 * only what the schema says, never tenant data, and graphql-js' MaxIntrospectionDepthRule (a
 * specified rule) stops `fields { type { fields … } }` recursion, so no introspection field can
 * answer much more than the full answer; the route's answer check refuses one that does.
 */
function introspectionCost(schema: GraphQLSchema): number {
  let units = introspectionUnits.get(schema);
  if (units === undefined) {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    const full = executeSync({ schema, document: parse(query) });
    units = Math.ceil((2 * Buffer.byteLength(JSON.stringify(full))) / COST_UNIT_BYTES);
    introspectionUnits.set(schema, units);
  }
  return units;
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

  /** How many items a page asked for by `first` or `last` holds (the larger when both are given). */
  function pageOf(node: FieldNode): number {
    let items: number | undefined;
    for (const argument of node.arguments ?? []) {
      if (argument.name.value !== "first" && argument.name.value !== "last") continue;
      const { value } = argument;
      const size = value.kind === Kind.VARIABLE ? requestVariables()[value.name.value] : valueFromAST(value, GraphQLInt);
      if (size === undefined || size === null) continue;
      // Out of range is refused by the field (BAD_USER_INPUT) with a clearer message than a cost;
      // what is not an integer is refused by execution, and never counts as less than a full page.
      const counted = Number.isInteger(size) ? Math.min(Math.max(size as number, 0), PAGE_SIZE.max) : PAGE_SIZE.max;
      items = Math.max(items ?? 0, counted);
    }
    return items ?? PAGE_SIZE.default;
  }

  /** How many items the list `field` holds; `page` is the enclosing connection's. */
  function itemsOf(field: Field | undefined, page: number | null): number {
    const declared = field?.extensions[COST_EXTENSIONS.maxItems];
    if (typeof declared === "number") return declared;
    // A list that declares nothing is refused when the schema is built (uncostedFields).
    return page ?? PAGE_SIZE.max;
  }

  /** The value of `field` as `type` (its wrappers peeled one by one). */
  function valueSize(
    type: GraphQLOutputType | undefined,
    field: Field | undefined,
    node: FieldNode,
    page: number | null,
    path: number,
  ): Size {
    if (type && isNonNullType(type)) return nonNullSize(type.ofType, field, node, page, path);
    const value = nonNullSize(type, field, node, page, path);
    return { units: value.units, bytes: Math.max(NULL_BYTES, value.bytes) };
  }

  function nonNullSize(
    type: GraphQLOutputType | undefined,
    field: Field | undefined,
    node: FieldNode,
    page: number | null,
    path: number,
  ): Size {
    if (type && isListType(type)) {
      const items = itemsOf(field, page);
      const item = valueSize(type.ofType, field, node, page, path + String(Math.max(items - 1, 0)).length + 1);
      return { units: items * item.units, bytes: 2 + items * (item.bytes + 1) };
    }
    const named = type ? getNamedType(type) : undefined;
    if (!node.selectionSet) {
      if (node.name.value === "__typename") return { units: 0, bytes: 2 + longestTypeName() };
      return { units: 0, bytes: leafBytes(field, named) };
    }
    const childPage = field?.args.some((arg) => arg.name === "first" || arg.name === "last") ? pageOf(node) : null;
    const children = size(node.selectionSet, named, childPage, path);
    return { units: children.units, bytes: 2 + children.bytes };
  }

  function longestTypeName(): number {
    let bytes = typeNameBytes.get(schema);
    if (bytes === undefined) {
      bytes = Math.max(...Object.keys(schema.getTypeMap()).map((name) => name.length));
      typeNameBytes.set(schema, bytes);
    }
    return bytes;
  }

  // Cost is linear in how often a selection repeats, so a fragment is costed once per page and path length.
  const fragmentSizes = new Map<string, Size>();
  const expanding = new Set<string>();
  const rootType = schema.getRootType(operation.operation) ?? undefined;

  function size(selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined, page: number | null, path: number): Size {
    let units = 0;
    let bytes = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        if (type === rootType && (selection.name.value === "__schema" || selection.name.value === "__type")) {
          const introspection = introspectionCost(schema);
          units += introspection;
          bytes += introspection * COST_UNIT_BYTES;
          continue;
        }
        const field = fieldsOf(type)[selection.name.value];
        const weight = field?.extensions[COST_EXTENSIONS.weight];
        const fieldPath = path + key.length + 3;
        const value = valueSize(field?.type, field, selection, page, fieldPath);
        // Refused: null, and an error entry whose path names every key above it.
        const answered =
          field && mayRefuse(field, type === rootType) ? Math.max(value.bytes, NULL_BYTES + REFUSAL_BYTES + fieldPath + 1) : value.bytes;
        const byArguments = field?.extensions[COST_EXTENSIONS.argumentCost];
        if (typeof byArguments === "function") units += (byArguments as (args: Variables) => number)(argumentsOf(selection));
        units += (typeof weight === "number" ? weight : 1) + value.units;
        bytes += key.length + 4 + answered;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        const inner = size(selection.selectionSet, condition ?? undefined, page, path);
        units += inner.units;
        bytes += inner.bytes;
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment cycle is refused by validation; here it only must not loop.
        if (!fragment || expanding.has(name)) continue;
        const cacheKey = `${name} ${page} ${path}`;
        let inner = fragmentSizes.get(cacheKey);
        if (inner === undefined) {
          expanding.add(name);
          inner = size(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, page, path);
          expanding.delete(name);
          fragmentSizes.set(cacheKey, inner);
        }
        units += inner.units;
        bytes += inner.bytes;
      }
    }
    return { units, bytes };
  }

  const answer = size(operation.selectionSet, rootType, null, 0);
  const total = Math.max(answer.units, Math.ceil((ENVELOPE_BYTES + 2 + answer.bytes) / COST_UNIT_BYTES));
  if (variables === undefined && !readArgumentVariables) {
    let byName = fixedCosts.get(document);
    if (!byName) {
      byName = new Map();
      fixedCosts.set(document, byName);
    }
    byName.set(operationName ?? "", total);
  }
  return total;
}

/** Refuses, before anything runs, an operation whose cost is over `maxCost`. */
export function queryCostLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = queryCost(args.schema, args.document, args.operationName, args.variableValues as Variables);
      if (cost <= maxCost) {
        const ctx = args.contextValue as unknown as GraphQLContext;
        ctx.reply.request.answerBytesAllowed = cost * COST_UNIT_BYTES + answerJsonBudget(ctx);
        return;
      }
      const message =
        `This operation costs ${cost}, over the limit of ${maxCost}: every field counts, once per item ` +
        `of each list it is in (first or last, default ${PAGE_SIZE.default}), and so does every ${COST_UNIT_BYTES} bytes ` +
        "its answer may have (long aliases included). Ask for fewer items or fewer fields.";
      const shape = toGraphQLError(KnoudsError.invalidInput([{ path: "", message }], message));
      setResultAndStopExecution({ errors: [new GraphQLError(shape.message, { extensions: shape.extensions })] });
    },
  };
}

function usesVariables(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(usesVariables);
  if (value.kind === Kind.OBJECT) return value.fields.some((field) => usesVariables(field.value));
  return false;
}
