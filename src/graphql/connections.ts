/**
 * Relay connections read a page at a time from the store (keyset pagination): a list names the
 * order it is read in and each item's position in that order; a cursor is that position, encoded
 * opaquely and checked on the way back in. Every list field (workflows, apiKeys, models, runs,
 * and any later one) is made of the three pieces here:
 *
 *   const WorkflowConnection = connectionOf(WorkflowRef, "Workflow");
 *   t.field({ type: WorkflowConnection, args: { ...pageArgs, ...filters },
 *     resolve: (_root, args, ctx) => resolveKeysetConnection(args, {
 *       list: "workflows", position: (w: Workflow) => w.id, positionSchema: z.string().max(200),
 *       fetch: (page) => ctx.services.workflows.list(ctx.caller.key!, page) }) })
 *
 * `fetch` gets `{ after, limit }` (a PageRequest) and must answer with a keyset query: items
 * strictly after `after` in list order, at most `limit` of them, along an index.
 * Forward paging only (`first`, `after`: what Relay requires of a connection); hasPreviousPage
 * is always false, as the Relay spec allows for forward paging. query-cost.ts counts what is
 * asked under `edges` once per item of the page (`first` or `last`), so a connection costs its page.
 */
import type { ObjectRef } from "@pothos/core";
import { z } from "zod";
import { KnoudsError } from "../domain/errors.js";
import { MAX_CURSOR_LENGTH, PAGE_SIZE, pageSize, type FilteredPage, type PageRequest } from "../domain/pages.js";
import { builder } from "./builder.js";

export const pageArgs = builder.args((t) => ({
  first: t.int({
    description: `How many items, 0 to ${PAGE_SIZE.max} (default ${PAGE_SIZE.default}).`,
  }),
  after: t.string({ description: "Start after this cursor: the pageInfo.endCursor of the previous page." }),
}));

/** The `<Name>Connection` and `<Name>Edge` types for items of `ref`. */
export function connectionOf<Shape>(ref: ObjectRef<typeof builder.$inferSchemaTypes, Shape>, name: string) {
  return builder.connectionObject({ type: ref, name: `${name}Connection` }, { name: `${name}Edge` });
}

export interface KeysetList<Item, Position> {
  /** Names the list inside its cursors, so a cursor of one list is refused by another. */
  list: string;
  /** The item's place in the list's order: what its cursor holds. */
  position: (item: Item) => Position;
  /** Checks a position read back from a client's cursor. */
  positionSchema: z.ZodType<Position>;
  /**
   * Up to `limit` items strictly after `after` (from the start when null), in list order; a
   * filtered list with a bounded scan also says where its scan stopped (FilteredPage).
   */
  fetch: (page: PageRequest<Position>) => Promise<readonly Item[] | FilteredPage<Item, Position>>;
}

export interface Connection<Item> {
  edges: Array<{ cursor: string; node: Item }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

function encodeCursor(list: string, position: unknown): string {
  return Buffer.from(JSON.stringify([list, position])).toString("base64url");
}

function badCursor(): KnoudsError {
  return KnoudsError.invalidInput(
    [{ path: "after", message: "is not a cursor of this list: pass pageInfo.endCursor of the previous page" }],
    "Invalid cursor",
  );
}

function decodeCursor<Position>(cursor: string, list: string, schema: z.ZodType<Position>): Position {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw badCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== list) throw badCursor();
  const position = schema.safeParse(decoded[1]);
  if (!position.success) throw badCursor();
  return position.data;
}

/** One page of `list` for a connection field's `first` and `after`; bad values are BAD_USER_INPUT. */
export async function resolveKeysetConnection<Item, Position>(
  args: { first?: number | null; after?: string | null },
  list: KeysetList<Item, Position>,
): Promise<Connection<Item>> {
  const size = pageSize(args.first);
  const after = args.after === null || args.after === undefined ? null : decodeCursor(args.after, list.list, list.positionSchema);
  // One more than asked tells whether there is a next page.
  const fetched = await list.fetch({ after, limit: size + 1 });
  const { items, searchedTo } = "searchedTo" in fetched ? fetched : { items: fetched, searchedTo: null };
  const edges = items.slice(0, size).map((node) => ({ cursor: encodeCursor(list.list, list.position(node)), node }));
  const filled = items.length > size;
  // A filtered page whose scan stopped before it filled goes on from where the scan stopped,
  // which may be past its last edge, or hold no edge at all.
  const resumeAt = !filled && searchedTo !== null ? encodeCursor(list.list, searchedTo) : null;
  return {
    edges,
    pageInfo: {
      hasNextPage: filled || resumeAt !== null,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: resumeAt ?? edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The position schema of newest-first lists (keys, runs). */
export const newestFirstPositionSchema = z.object({ at: z.number().int(), id: z.string().max(200) }).strict();
