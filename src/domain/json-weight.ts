/**
 * The weight of a JSON value: one per value (object, array, string, number, boolean, null)
 * plus one per STRING_CHARS_PER_UNIT characters of every string and key. Validation work grows
 * with it: most keywords cost the same on any value, and the ones that read a string
 * (lengths, comparisons) read about that many characters in the time of one failing check.
 */
import { MAX_JSON_DEPTH } from "./json-depth.js";

export const STRING_CHARS_PER_UNIT = 128;

/**
 * The weight of `value`, or Infinity once it passes `max` or nests deeper than MAX_JSON_DEPTH
 * (the walk stops there, so refusing a huge value costs little). Iterative: never recurses.
 */
export function jsonWeight(value: unknown, max = Number.POSITIVE_INFINITY): number {
  let weight = 0;
  // Objects and arrays still to walk, with their depth; scalars are weighed as they are met.
  const containers: object[] = [];
  const depths: number[] = [];
  const weigh = (item: unknown, depth: number) => {
    weight += 1;
    if (typeof item === "string") weight += Math.floor(item.length / STRING_CHARS_PER_UNIT);
    else if (item !== null && typeof item === "object") {
      containers.push(item);
      depths.push(depth);
    }
  };
  weigh(value, 0);
  while (containers.length > 0 && weight <= max) {
    const node = containers.pop()!;
    const depth = depths.pop()! + 1;
    if (depth > MAX_JSON_DEPTH) return Number.POSITIVE_INFINITY;
    if (Array.isArray(node)) {
      // Each item weighs at least one: a long array is refused before it is walked.
      if (weight + node.length > max) return Number.POSITIVE_INFINITY;
      for (const item of node) weigh(item, depth);
    } else {
      for (const key in node) {
        weight += Math.floor(key.length / STRING_CHARS_PER_UNIT);
        weigh((node as Record<string, unknown>)[key], depth);
        if (weight > max) return Number.POSITIVE_INFINITY;
      }
    }
  }
  return weight > max ? Number.POSITIVE_INFINITY : weight;
}
