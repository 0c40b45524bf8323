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
 * strictly after `after` in list order, at most `limit` of them, along an index. Every list
 * pages forward (`first`, `after`: what Relay requires of a connection; hasPreviousPage is then
 * false, as the Relay spec allows); a list that also gives `fetchBefore` pages backward too
 * (`last`, `before`, with `backwardPageArgs`). Page sizes and cursors are checked here, for
 * every list alike. server/query-cost.ts counts what is asked under `edges` once per item of
 * the page (`first` or `last`), so a connection costs its page.
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

/** The arguments of a list that can also be read backward (`fetchBefore`). */
export const backwardPageArgs = builder.args((t) => ({
  last: t.int({
    description: `Read backward: the last items before \`before\` (or of the whole list), 0 to ${PAGE_SIZE.max}. Give first or last, not both.`,
  }),
  before: t.string({ description: "With last: end before this cursor, the pageInfo.startCursor of the page after." }),
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
  /** For a list read backward too: up to `limit` items strictly before `before` (from the end when null), nearest first. */
  fetchBefore?: (page: { before: Position | null; limit: number }) => Promise<readonly Item[]>;
}

export interface Connection<Item> {
  edges: Array<{ cursor: string; node: Item }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

function encodeCursor(list: string, position: unknown): string {
  return Buffer.from(JSON.stringify([list, position])).toString("base64url");
}

type CursorArgument = "after" | "before";

function badCursor(argument: CursorArgument): KnoudsError {
  const source = argument === "after" ? "pageInfo.endCursor of the previous page" : "pageInfo.startCursor of the page after";
  return KnoudsError.invalidInput([{ path: argument, message: `is not a cursor of this list: pass ${source}` }], "Invalid cursor");
}

/** The position a client's cursor holds, or null when none was given; BAD_USER_INPUT for anything not made for this list. */
function decodeCursor<Position>(
  cursor: string | null | undefined,
  argument: CursorArgument,
  list: Pick<KeysetList<never, Position>, "list" | "positionSchema">,
): Position | null {
  if (cursor === null || cursor === undefined) return null;
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw badCursor(argument);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor(argument);
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== list.list) throw badCursor(argument);
  const position = list.positionSchema.safeParse(decoded[1]);
  if (!position.success) throw badCursor(argument);
  return position.data;
}

function refused(path: string, message: string): KnoudsError {
  return KnoudsError.invalidInput([{ path, message }], `${path} ${message}`);
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * One page of `list` for a connection field's `first` and `after` (or, on a list with
 * `fetchBefore`, `last` and `before`); bad values are BAD_USER_INPUT.
 */
export async function resolveKeysetConnection<Item, Position>(args: PageArgs, list: KeysetList<Item, Position>): Promise<Connection<Item>> {
  const given = (value: unknown) => value !== null && value !== undefined;
  if (given(args.last) || given(args.before)) {
    if (!list.fetchBefore)
      throw refused(given(args.last) ? "last" : "before", "is not taken by this list: it pages forward only (first, after)");
    if (given(args.first) || given(args.after))
      throw refused("last", "goes with before, not with first or after: page forward or backward, not both");
    return backwardPage(args, list, list.fetchBefore);
  }
  const size = pageSize(args.first, "first");
  const after = decodeCursor(args.after, "after", list);
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

async function backwardPage<Item, Position>(
  args: PageArgs,
  list: KeysetList<Item, Position>,
  fetchBefore: NonNullable<KeysetList<Item, Position>["fetchBefore"]>,
): Promise<Connection<Item>> {
  const size = pageSize(args.last, "last");
  const before = decodeCursor(args.before, "before", list);
  const fetched = await fetchBefore({ before, limit: size + 1 });
  const edges = fetched
    .slice(0, size)
    .reverse()
    .map((node) => ({ cursor: encodeCursor(list.list, list.position(node)), node }));
  return {
    edges,
    pageInfo: {
      // The item `before` names comes after this page.
      hasNextPage: before !== null,
      hasPreviousPage: fetched.length > size,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The position schema of newest-first lists (keys, runs). */
export const newestFirstPositionSchema = z.object({ at: z.number().int(), id: z.string().max(200) }).strict();
