/**
 * Where in a JSON text a server error points. The server names a problem by a dotted path from
 * its argument's root (`steps.1.model`, `inputSchema.properties.n.minimum`, sometimes with the
 * argument's name in front: `definition.steps.1.model`); the editor needs the characters to
 * underline. Pure: no DOM, no CodeMirror, so the edit page and the unit tests share it.
 */

/** One JSON value in the text: where it is and, for a property or an item, where its key is. */
export interface JsonNode {
  kind: "object" | "array" | "string" | "number" | "literal";
  from: number;
  to: number;
  /** The property name's quotes included; absent for array items and the root. */
  key?: { from: number; to: number };
  /** Properties by name, or items by index ("0", "1", …). Absent for scalars. */
  children?: Map<string, JsonNode>;
}

export type JsonScan = { ok: true; root: JsonNode } | { ok: false; message: string; from: number; to: number };

/** Nesting beyond this is reported as an error rather than risking the call stack. */
const MAX_DEPTH = 512;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly from: number,
    readonly to: number,
  ) {
    super(message);
  }
}

/**
 * Reads `text` as strict JSON (RFC 8259: no comments, no trailing commas) and records every
 * value's range. On the first syntax error, answers where it is and what was expected.
 */
export function scanJson(text: string): JsonScan {
  let at = 0;

  const fail = (message: string, from = at, to = Math.min(from + 1, text.length)): never => {
    throw new JsonSyntaxError(message, from, Math.max(to, from));
  };
  const describeHere = (): string => (at >= text.length ? "the end of the text" : JSON.stringify(text[at]));
  const skipSpace = () => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
      else break;
    }
  };

  const readString = (): { from: number; to: number } => {
    const from = at;
    at++; // the opening quote
    while (at < text.length) {
      const c = text[at]!;
      if (c === '"') {
        at++;
        return { from, to: at };
      }
      if (c === "\\") {
        const next = text[at + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail("A \\u escape needs four hex digits", at, at + 6);
          at += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          at += 2;
        } else {
          fail(`Unknown escape "\\${next ?? ""}" in a string`, at, at + 2);
        }
        continue;
      }
      if (text.charCodeAt(at) < 0x20) fail('A string cannot hold a line break or control character: close it with " first', at);
      at++;
    }
    return fail('This string is never closed: add the closing "', from, text.length);
  };

  const readNumber = (): void => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(at, at + 400));
    if (!match || match[0] === "-") fail(`Expected a value, found ${describeHere()}`);
    at += match![0].length;
    if (at < text.length && /[0-9.eE+-]/.test(text[at]!)) fail("This number is not valid JSON", at);
  };

  const readValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(`Nested deeper than ${MAX_DEPTH} levels`);
    skipSpace();
    const from = at;
    const c = text[at];
    if (c === "{") {
      at++;
      const children = new Map<string, JsonNode>();
      skipSpace();
      if (text[at] === "}") {
        at++;
        return { kind: "object", from, to: at, children };
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') {
          fail(
            text[at] === "}"
              ? "No comma before the closing }: remove the trailing comma"
              : `Expected a property name in double quotes, found ${describeHere()}`,
          );
        }
        const key = readString();
        const name = JSON.parse(text.slice(key.from, key.to)) as string;
        skipSpace();
        if (text[at] !== ":") fail(`Expected ":" after the property name, found ${describeHere()}`);
        at++;
        const value = readValue(depth + 1);
        value.key = key;
        children.set(name, value);
        skipSpace();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "}") {
          at++;
          return { kind: "object", from, to: at, children };
        }
        fail(`Expected "," or "}" after a property, found ${describeHere()}`);
      }
    }
    if (c === "[") {
      at++;
      const children = new Map<string, JsonNode>();
      skipSpace();
      if (text[at] === "]") {
        at++;
        return { kind: "array", from, to: at, children };
      }
      for (let index = 0; ; index++) {
        skipSpace();
        if (text[at] === "]") fail("No comma before the closing ]: remove the trailing comma");
        children.set(String(index), readValue(depth + 1));
        skipSpace();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "]") {
          at++;
          return { kind: "array", from, to: at, children };
        }
        fail(`Expected "," or "]" after an item, found ${describeHere()}`);
      }
    }
    if (c === '"') {
      readString();
      return { kind: "string", from, to: at };
    }
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return { kind: "literal", from, to: at };
      }
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      readNumber();
      return { kind: "number", from, to: at };
    }
    if (c === "'") return fail('Strings need double quotes ("), not single quotes');
    if (c === "/") return fail("JSON has no comments");
    return fail(at >= text.length ? "Expected a value, found the end of the text" : `Expected a value, found ${describeHere()}`);
  };

  try {
    const root = readValue(0);
    skipSpace();
    if (at < text.length) fail(`Unexpected ${describeHere()} after the end of the JSON value`);
    return { ok: true, root };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, from: error.from, to: error.to };
    throw error;
  }
}

/** Where a server path lands in the text. */
export interface JsonPathTarget {
  /** The characters to underline: a scalar's value, or a container's key (its opening bracket at the root or in an array). */
  from: number;
  to: number;
  /** The path segments that exist in the text, in order (after any leading argument name was dropped). */
  found: string[];
  /** The segments that do not exist: empty when the path was found whole. */
  missing: string[];
}

/**
 * Finds the place `path` names in `text` (valid JSON), or the nearest existing parent.
 * Leading segments in `argumentNames` (default `definition` and `input`) are dropped when the
 * document has no such property at its root. A property name holding dots (`"a.b"`) matches
 * when no shorter name does. Answers null when the text is not valid JSON.
 */
export function locateJsonPath(
  text: string,
  path: string,
  argumentNames: readonly string[] = ["definition", "input"],
): JsonPathTarget | null {
  const scan = scanJson(text);
  if (!scan.ok) return null;
  return locateInTree(scan.root, path, argumentNames);
}

/** As locateJsonPath, over an already scanned text. */
export function locateInTree(root: JsonNode, path: string, argumentNames: readonly string[] = ["definition", "input"]): JsonPathTarget {
  const segments = path === "" ? [] : path.split(".");
  while (segments.length > 0 && argumentNames.includes(segments[0]!) && !root.children?.has(segments[0]!)) segments.shift();
  let node = root;
  const found: string[] = [];
  let i = 0;
  while (i < segments.length) {
    const children = node.children;
    if (!children) break;
    // The shortest run of segments that names a child: "a.b" as one property name when "a" is none.
    let matched = 0;
    for (let n = 1; n <= segments.length - i; n++) {
      const name = segments.slice(i, i + n).join(".");
      if (children.has(name)) {
        matched = n;
        break;
      }
    }
    if (matched === 0) break;
    const name = segments.slice(i, i + matched).join(".");
    node = children.get(name)!;
    found.push(name);
    i += matched;
  }
  return { ...rangeOf(node), found, missing: segments.slice(i) };
}

function rangeOf(node: JsonNode): { from: number; to: number } {
  if (node.kind !== "object" && node.kind !== "array") return { from: node.from, to: node.to };
  if (node.key) return node.key;
  return { from: node.from, to: node.from + 1 };
}

/** 1-based line and column of an offset, for messages ("line 3, column 5"). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
