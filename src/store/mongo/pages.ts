import type { NewestFirstPosition } from "../../domain/pages.js";

/** The filter for "strictly after `after`" in a list sorted by `{ [timeField]: -1, _id: -1 }`. */
export function newestFirstAfter(timeField: string, after: NewestFirstPosition | null): Record<string, unknown> {
  if (after === null) return {};
  return { $or: [{ [timeField]: { $lt: after.at } }, { [timeField]: after.at, _id: { $lt: after.id } }] };
}
