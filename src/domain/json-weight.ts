/**
 * The weight of a JSON value: one per value (object, array, string, number, boolean, null)
 * plus one per STRING_CHARS_PER_UNIT characters of every string and key. Validation work grows
 * with it: most keywords cost the same on any value, and the ones that read a string
 * (lengths, comparisons) read about that many characters in the time of one failing check.
 */
import { MAX_JSON_DEPTH } from "./json-depth.js";

export const STRING_CHARS_PER_UNIT = 128;

function stringWeight(s: string): number {
  return Math.floor(s.length / STRING_CHARS_PER_UNIT);
}

/**
 * The weight of `value`, or Infinity once it passes `max` or nests deeper than MAX_JSON_DEPTH
 * (the walk stops there). Iterative: never recurses.
 */
export function jsonWeight(value: unknown, max = Number.POSITIVE_INFINITY): number {
  let weight = 0;
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    weight += 1;
    if (typeof next.value === "string") weight += stringWeight(next.value);
    else if (next.value !== null && typeof next.value === "object") {
      if (next.depth >= MAX_JSON_DEPTH) return Number.POSITIVE_INFINITY;
      const children = Array.isArray(next.value) ? next.value.length : Object.keys(next.value).length;
      // Each child weighs at least one: a wide value is refused before it is walked.
      if (weight + children > max) return Number.POSITIVE_INFINITY;
      if (Array.isArray(next.value)) {
        for (const item of next.value) pending.push({ value: item, depth: next.depth + 1 });
      } else {
        for (const [key, item] of Object.entries(next.value)) {
          weight += stringWeight(key);
          pending.push({ value: item, depth: next.depth + 1 });
        }
      }
    }
    if (weight > max) return Number.POSITIVE_INFINITY;
  }
  return weight;
}
