/**
 * Lists come a page at a time (docs/api.md#lists-a-page-at-a-time): a client asks for `first` items after a cursor (or
 * `last` items before one) and never for more than PAGE_SIZE.max, so no list answer grows with what a tenant has stored.
 */
import { KnoudsError } from "./errors.js";

export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** Cursors are base64url of about 100 bytes of position; a longer one is not ours, and none is answered. */
export const MAX_CURSOR_LENGTH = 512;

/** What a store is asked for: up to `limit` items strictly after `after` (from the start when null). */
export interface PageRequest<Position> {
  after: Position | null;
  limit: number;
}

/** The page size for a `first` (or `last`) argument; BAD_USER_INPUT outside 0..PAGE_SIZE.max. */
export function pageSize(size: number | null | undefined, argument: "first" | "last" = "first"): number {
  if (size === null || size === undefined) return PAGE_SIZE.default;
  if (!Number.isInteger(size) || size < 0 || size > PAGE_SIZE.max) {
    const cursor = argument === "first" ? "after: pageInfo.endCursor" : "before: pageInfo.startCursor";
    throw KnoudsError.invalidInput(
      [{ path: argument, message: `must be between 0 and ${PAGE_SIZE.max}; page through longer lists with ${cursor}` }],
      `${argument} must be at most ${PAGE_SIZE.max}`,
    );
  }
  return size;
}

/** Where a list ordered newest first stands: creation time, then id for ties. */
export interface NewestFirstPosition {
  at: number;
  id: string;
}

/** A position before every item of a newest-first list (no stored time reaches it). */
export const startOfNewestFirst: NewestFirstPosition = { at: Number.MAX_SAFE_INTEGER, id: "" };

/**
 * A filtered list read along the index of its unfiltered order (runs by workflow or status)
 * looks at no more than this many items per page, so a filter that matches little of a long
 * history costs one bounded read, not a walk of everything the tenant stored. A page that used
 * its whole scan before filling says where it stopped (`searchedTo`); the next page continues
 * from there, as DynamoDB's filtered queries do with LastEvaluatedKey.
 */
export const FILTER_SCAN_LIMIT = 10_000;

/** Up to `limit` matching items, and where the scan stopped when it hit the scan limit before filling the page. */
export interface FilteredPage<Item, Position> {
  items: Item[];
  searchedTo: Position | null;
}
