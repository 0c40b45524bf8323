/**
 * How deeply request JSON may nest. Parsing a deep body is cheap, but everything after it that
 * recurses (serialising a run, validating inputs) would overflow the stack; such a body is
 * refused as bad input before anything else sees it: request bodies by the HTTP layer, GraphQL
 * literals and variables by the JSON scalar.
 */
import { KnoudsError } from "./errors.js";

export const MAX_JSON_DEPTH = 64;

/** The BAD_USER_INPUT refusal for a value nested deeper than MAX_JSON_DEPTH, or null when it is not. */
export function depthRefusal(value: unknown): KnoudsError | null {
  if (!nestsDeeperThan(value, MAX_JSON_DEPTH)) return null;
  return KnoudsError.invalidInput([{ path: "", message: `JSON may nest at most ${MAX_JSON_DEPTH} levels deep` }]);
}

/** True when objects/arrays in `value` nest more than `max` levels. Iterative: never recurses. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<{ node: object; depth: number }> = [];
  if (value !== null && typeof value === "object") pending.push({ node: value, depth: 1 });
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === "object") pending.push({ node: child as object, depth: depth + 1 });
    }
  }
  return false;
}
