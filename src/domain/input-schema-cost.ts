/**
 * How much checking one input value against a tenant's JSON Schema can cost, proven before
 * the schema is accepted (draft-07, the keywords Ajv runs for it).
 *
 * Each subschema costs some checks on the value it is applied to, plus whatever its
 * subschemas cost: those applied to the same value (allOf, anyOf, oneOf, not, if/then/else,
 * dependencies, $ref) and those applied to its children (properties, additionalProperties,
 * propertyNames, items, additionalItems, contains). `cost(s, r)` is the most that applying `s`
 * to a value can cost at ONE value `r` levels below it; a value's children are distinct
 * values, so only one property or item schema (plus `contains`) reaches each child, while
 * every same-value subschema adds up. Inputs nest at most MAX_JSON_DEPTH levels, so the
 * table of `cost(s, r)` is finite even when `$ref`s recurse, and its largest entry for the
 * root bounds the checks per input value. Recursion that fans out (two branches that each
 * recurse) doubles per level and is refused; recursion that does not (a tree of nodes) costs
 * the same at every level and is fine.
 *
 * Refused outright: `$ref` cycles that never descend into the input (infinite recursion),
 * references other than local JSON pointers, nested `$id`s (they change what references
 * mean), regular expressions, `uniqueItems` over non-scalar items (pairwise comparison),
 * object or array defaults (Ajv inserts and re-checks them, recursively), and literals or
 * schemas beyond INPUT_SCHEMA_LIMITS.
 */
import { MAX_JSON_DEPTH } from "./json-depth.js";
import { STRING_CHARS_PER_UNIT, jsonWeight } from "./json-weight.js";
import { INPUT_SCHEMA_LIMITS } from "./workflow-limits.js";

/** A regular expression of the tenant's choosing could backtrack for minutes on a short input. */
export const REFUSED_KEYWORDS = ["pattern", "patternProperties"] as const;

export type SchemaCost = { bounded: true; checksPerValue: number } | { bounded: false; keyword: string; path: string; reason: string };

const JSON_TYPES = ["string", "number", "integer", "boolean", "null", "object", "array"];
const SCALAR_TYPES = new Set(["string", "number", "integer", "boolean", "null"]);
const SAME_VALUE_ONE = ["not", "if", "then", "else"];
const SAME_VALUE_MANY = ["allOf", "anyOf", "oneOf"];

interface Edge {
  keyword: string;
  target: Subschema;
}

interface Subschema {
  index: number;
  /** Where the subschema was first met, dotted ("" for the root). */
  path: string;
  /** Checks on the value it is applied to, besides subschemas. */
  own: number;
  /** Checks per child of that value from its own keywords (additionalProperties, uniqueItems...). */
  perChild: number;
  same: Edge[];
  /** Subschemas of which at most one reaches a given property value. */
  properties: Edge[];
  /** Subschemas of which at most one reaches a given item. */
  items: Edge[];
  /** Applied to every key / every item, besides the above. */
  propertyNames: Subschema | null;
  contains: Subschema | null;
  /** Scalar defaults Ajv inserts into the value: the subschema that then checks each, and its weight. */
  defaults: Array<{ target: Subschema; weight: number }>;
}

class Unbounded {
  constructor(
    readonly keyword: string,
    readonly path: string,
    readonly reason: string,
  ) {}
}

const at = (path: string, ...rest: Array<string | number>) => [path, ...rest].filter((p) => p !== "").join(".");

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Builds the subschema graph of one schema document, refusing what cannot be bounded. */
class SubschemaGraph {
  readonly nodes: Subschema[] = [];
  private readonly byValue = new Map<unknown, Subschema>();
  private readonly references: Array<{ from: Subschema; ref: unknown }> = [];

  constructor(private readonly root: Record<string, unknown>) {
    this.rootNode = this.node(root, "");
    // Resolving may meet subschemas no keyword reached (a pointer into an unknown keyword).
    for (let i = 0; i < this.references.length; i++) {
      const { from, ref } = this.references[i]!;
      const { target, path } = this.resolve(ref, from.path);
      from.same.push({ keyword: "$ref", target: this.node(target, path) });
    }
  }

  readonly rootNode: Subschema;

  /** The subschema a reference points at, and its path; Ajv reads pointers the same way. */
  private resolve(ref: unknown, from: string): { target: unknown; path: string } {
    const refuse = (reason: string) => new Unbounded("$ref", from, reason);
    if (typeof ref !== "string" || !(ref === "#" || ref.startsWith("#/")) || ref.includes("%")) {
      throw refuse('only references inside the schema are supported: "#" or a JSON pointer such as "#/definitions/name"');
    }
    const parts = ref === "#" ? [] : ref.slice(2).split("/");
    let target: unknown = this.root;
    for (const part of parts) {
      const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
      if (target === null || typeof target !== "object" || !Object.hasOwn(target, key)) {
        throw refuse(`"${ref}" does not point at anything in the schema`);
      }
      target = (target as Record<string, unknown>)[key];
      if (isObject(target) && typeof target.$id === "string") throw refuse(`"${ref}" passes through a nested "$id"`);
    }
    if (typeof target !== "boolean" && !isObject(target)) throw refuse(`"${ref}" does not point at a schema`);
    return { target, path: parts.join(".") };
  }

  private node(schema: unknown, path: string): Subschema {
    const known = this.byValue.get(schema);
    if (known) return known;
    if (this.nodes.length >= INPUT_SCHEMA_LIMITS.subschemas) {
      throw new Unbounded("", "", `a workflow input schema has at most ${INPUT_SCHEMA_LIMITS.subschemas} subschemas`);
    }
    const node: Subschema = {
      index: this.nodes.length,
      path,
      own: 1,
      perChild: 0,
      same: [],
      properties: [],
      items: [],
      propertyNames: null,
      contains: null,
      defaults: [],
    };
    this.nodes.push(node);
    // Booleans are keyed by value: every `true` is the same subschema.
    this.byValue.set(schema, node);
    if (isObject(schema)) this.keywords(node, schema, path);
    return node;
  }

  /** A subschema slot; anything but an object or a boolean is left for the meta-schema check to refuse. */
  private child(schema: unknown, path: string): Subschema | null {
    return typeof schema === "boolean" || isObject(schema) ? this.node(schema, path) : null;
  }

  private keywords(node: Subschema, schema: Record<string, unknown>, path: string): void {
    if (path !== "" && typeof schema.$id === "string") {
      throw new Unbounded("$id", path, "is only allowed at the root: a nested one changes what the references inside it mean");
    }
    for (const [keyword, value] of Object.entries(schema)) {
      const where = at(path, keyword);
      node.own += 1;
      if ((REFUSED_KEYWORDS as readonly string[]).includes(keyword)) {
        throw new Unbounded(keyword, path, "is not supported in workflow input schemas (regular expressions are not run)");
      }
      if (keyword === "$ref") this.references.push({ from: node, ref: value });
      else if (SAME_VALUE_MANY.includes(keyword) && Array.isArray(value)) {
        for (const [i, s] of value.entries()) this.edge(node.same, keyword, s, at(where, i));
      } else if (SAME_VALUE_ONE.includes(keyword)) this.edge(node.same, keyword, value, where);
      else if (keyword === "dependencies" && isObject(value)) {
        node.own += Object.keys(value).length;
        for (const [name, dependency] of Object.entries(value)) {
          if (Array.isArray(dependency)) node.own += dependency.length;
          else this.edge(node.same, keyword, dependency, at(where, name));
        }
      } else if (keyword === "properties" && isObject(value)) {
        // Each named property is looked up on every value the subschema is applied to.
        node.own += Object.keys(value).length;
        for (const [name, s] of Object.entries(value)) {
          const target = this.edge(node.properties, keyword, s, at(where, name));
          if (target && isObject(s) && "default" in s)
            node.defaults.push({ target, weight: this.defaultWeight(s.default, at(where, name)) });
        }
      } else if (keyword === "additionalProperties") {
        this.edge(node.properties, keyword, value, where);
        // Each key is looked up among the named properties (a hash lookup past eight).
        node.perChild += 1 + Math.min(8, isObject(schema.properties) ? Object.keys(schema.properties).length : 0);
      } else if (keyword === "propertyNames") node.propertyNames = this.child(value, where);
      else if (keyword === "items" && Array.isArray(value)) {
        value.forEach((s, i) => {
          const target = this.edge(node.items, keyword, s, at(where, i));
          if (target && isObject(s) && "default" in s) node.defaults.push({ target, weight: this.defaultWeight(s.default, at(where, i)) });
        });
      } else if (keyword === "items" || keyword === "additionalItems") this.edge(node.items, keyword, value, where);
      else if (keyword === "contains") node.contains = this.child(value, where);
      else if ((keyword === "definitions" || keyword === "$defs") && isObject(value)) {
        // Not applied by themselves; built so that they count, and so references find them built.
        for (const [name, s] of Object.entries(value)) this.child(s, at(where, name));
      } else if (keyword === "enum" && Array.isArray(value)) {
        if (value.length > INPUT_SCHEMA_LIMITS.enumValues) {
          throw new Unbounded(keyword, path, `lists at most ${INPUT_SCHEMA_LIMITS.enumValues} values`);
        }
        node.own += this.literalWeight(keyword, value, path);
      } else if (keyword === "const") node.own += this.literalWeight(keyword, value, path);
      else if (keyword === "type" && Array.isArray(value) && value.length > JSON_TYPES.length) {
        throw new Unbounded(keyword, path, `lists each of the ${JSON_TYPES.length} JSON types at most once`);
      } else if (keyword === "uniqueItems" && value === true) {
        if (!hasScalarItems(schema)) {
          throw new Unbounded(
            keyword,
            path,
            'needs "items" with a scalar "type" (string, number, integer, boolean or null): comparing arrays or objects pairwise costs the square of their count',
          );
        }
        node.perChild += 2;
      } else if (keyword === "minProperties" || keyword === "maxProperties") node.perChild += 1;
      else if (keyword === "required" && Array.isArray(value)) node.own += value.length;
    }
  }

  private edge(edges: Edge[], keyword: string, schema: unknown, path: string): Subschema | null {
    const target = this.child(schema, path);
    if (target) edges.push({ keyword, target });
    return target;
  }

  private literalWeight(keyword: string, value: unknown, path: string): number {
    const weight = jsonWeight(value, INPUT_SCHEMA_LIMITS.literalWeight);
    if (weight > INPUT_SCHEMA_LIMITS.literalWeight) {
      throw new Unbounded(
        keyword,
        path,
        `may weigh at most ${INPUT_SCHEMA_LIMITS.literalWeight} (one per value, one per ${STRING_CHARS_PER_UNIT} characters)`,
      );
    }
    return weight;
  }

  private defaultWeight(value: unknown, path: string): number {
    if (value !== null && typeof value === "object") {
      throw new Unbounded("default", path, "must be a string, number, boolean or null in workflow input schemas");
    }
    return this.literalWeight("default", value, path);
  }
}

function hasScalarItems(schema: Record<string, unknown>): boolean {
  const items = schema.items;
  if (!isObject(items)) return false;
  const types = Array.isArray(items.type) ? items.type : [items.type];
  return types.length > 0 && types.every((t) => typeof t === "string" && SCALAR_TYPES.has(t));
}

/** Same-value subschemas before the subschemas that apply them; a cycle among them never ends. */
function sameValueOrder(nodes: readonly Subschema[]): Subschema[] {
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
  const order: Subschema[] = [];
  for (const start of nodes) {
    if (state[start.index] !== 0) continue;
    const stack: Array<{ node: Subschema; next: number }> = [{ node: start, next: 0 }];
    state[start.index] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edge = top.node.same[top.next++];
      if (!edge) {
        state[top.node.index] = 2;
        order.push(top.node);
        stack.pop();
      } else if (state[edge.target.index] === 1) {
        throw new Unbounded(
          edge.keyword,
          top.node.path,
          "leads back to the same subschema without descending into the input (infinite recursion)",
        );
      } else if (state[edge.target.index] === 0) {
        state[edge.target.index] = 1;
        stack.push({ node: edge.target, next: 0 });
      }
    }
  }
  return order;
}

/** `cost(s, r)` for every subschema, one row per depth; stops at the first row past the limit. */
function costTable(nodes: readonly Subschema[], root: Subschema, limit: number): Float64Array[] {
  const order = sameValueOrder(nodes);
  const rows: Float64Array[] = [];
  for (let r = 0; r < MAX_JSON_DEPTH; r++) {
    const row = new Float64Array(nodes.length);
    const below = rows[r - 1];
    for (const s of order) {
      let cost = r === 0 ? s.own : 0;
      for (const { target } of s.same) cost += row[target.index]!;
      if (below) {
        let property = 0;
        for (const { target } of s.properties) property = Math.max(property, below[target.index]!);
        let item = 0;
        for (const { target } of s.items) item = Math.max(item, below[target.index]!);
        if (s.contains) item += below[s.contains.index]!;
        cost += Math.max(property, item);
      }
      if (r === 1) {
        const first = rows[0]!;
        cost += s.perChild + (s.propertyNames ? first[s.propertyNames.index]! : 0);
        for (const { target, weight } of s.defaults) cost += weight * first[target.index]!;
      }
      row[s.index] = cost;
    }
    rows.push(row);
    if (row[root.index]! > limit) break;
  }
  return rows;
}

/** Follows the costliest contributions down from the root to the keyword that multiplies them. */
function blame(nodes: readonly Subschema[], rows: Float64Array[], root: Subschema, limit: number): Unbounded {
  let node = root;
  let r = rows.length - 1;
  const total = rows[r]![root.index]!;
  for (;;) {
    const row = rows[r]!;
    const below = rows[r - 1];
    const parts: Array<{ keyword: string; target: Subschema; depth: number; cost: number }> = [];
    for (const { keyword, target } of node.same) parts.push({ keyword, target, depth: r, cost: row[target.index]! });
    if (below) {
      for (const { keyword, target } of [...node.properties, ...node.items])
        parts.push({ keyword, target, depth: r - 1, cost: below[target.index]! });
      if (node.contains) parts.push({ keyword: "contains", target: node.contains, depth: r - 1, cost: below[node.contains.index]! });
    }
    const alone = parts.find((p) => p.cost > limit);
    if (alone) {
      node = alone.target;
      r = alone.depth;
      continue;
    }
    const byKeyword = new Map<string, number>();
    for (const p of parts) byKeyword.set(p.keyword, (byKeyword.get(p.keyword) ?? 0) + p.cost);
    const [keyword] = [...byKeyword].sort((a, b) => b[1] - a[1])[0] ?? [""];
    const recursive = reaches(nodes, node, node) ? ", recursing through $ref" : "";
    return new Unbounded(
      keyword,
      node.path,
      `makes checking one input value cost up to ${formatChecks(total)} checks (at most ${limit.toLocaleString("en")} are allowed${recursive}): use fewer branches, fewer nested combinators, or recursion that does not fan out`,
    );
  }
}

function formatChecks(n: number): string {
  return n >= 1e15 || !Number.isFinite(n) ? "more than 10^15" : Math.round(n).toLocaleString("en");
}

/** True when `to` can be reached from `from` by one or more subschema steps. */
function reaches(nodes: readonly Subschema[], from: Subschema, to: Subschema): boolean {
  const seen = new Uint8Array(nodes.length);
  const pending = [from];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const next = [...node.same, ...node.properties, ...node.items].map((e) => e.target);
    if (node.contains) next.push(node.contains);
    if (node.propertyNames) next.push(node.propertyNames);
    for (const target of next) {
      if (target === to) return true;
      if (seen[target.index] === 0) {
        seen[target.index] = 1;
        pending.push(target);
      }
    }
  }
  return false;
}

/** The most checks one input value can cost under `schema`, or the keyword that makes it unbounded. */
export function inputSchemaCost(schema: Record<string, unknown>): SchemaCost {
  const limit = INPUT_SCHEMA_LIMITS.checksPerValue;
  try {
    const graph = new SubschemaGraph(schema);
    const rows = costTable(graph.nodes, graph.rootNode, limit);
    const worst = Math.max(...rows.map((row) => row[graph.rootNode.index]!));
    if (worst > limit) throw blame(graph.nodes, rows, graph.rootNode, limit);
    return { bounded: true, checksPerValue: worst };
  } catch (error) {
    if (!(error instanceof Unbounded)) throw error;
    return { bounded: false, keyword: error.keyword, path: error.path, reason: error.reason };
  }
}
