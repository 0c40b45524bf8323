/**
 * A table that shows one page of a connection at a time, with Previous and Next: the cursors of
 * the pages already seen are kept, so Previous asks for exactly the page seen before.
 */
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "../api.js";
import { Button } from "./button.js";
import { EmptyState } from "./page.js";

export interface PageOf<T> {
  items: T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface Column<T> {
  title: string;
  /** The cell; the first column with rowHeader is the row's <th scope="row">. */
  render: (item: T) => ComponentChildren;
  rowHeader?: boolean;
  /** Visually hidden heading (an actions column). */
  hiddenTitle?: boolean;
  class?: string;
}

export interface PagedTableProps<T> {
  caption: string;
  columns: Column<T>[];
  /** One page after `after` (null: the first). */
  load: (after: string | null) => Promise<PageOf<T>>;
  rowKey: (item: T) => string;
  empty: ComponentChildren;
  /** Changing it loads the first page again (after a change to the list). */
  version?: unknown;
}

export function PagedTable<T>({ caption, columns, load, rowKey, empty, version }: PagedTableProps<T>) {
  // cursors[i] is the `after` of page i (null for the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<PageOf<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const loader = useRef(load);
  loader.current = load;
  const ticket = useRef(0);
  const show = useCallback(async (after: string | null) => {
    const mine = ++ticket.current;
    setLoading(true);
    try {
      const answer = await loader.current(after);
      if (mine !== ticket.current) return;
      setPage(answer);
      setError(null);
    } catch (failure) {
      if (mine === ticket.current) setError(errorMessage(failure));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, []);
  useEffect(() => {
    setCursors([null]);
    void show(null);
  }, [version, show]);

  if (error && !page) {
    return (
      <div class="error" role="alert">
        Could not load {caption.toLowerCase()}: {error} <Button onClick={() => void show(cursors.at(-1) ?? null)}>Try again</Button>
      </div>
    );
  }
  if (!page) {
    return (
      <p role="status" class="loading">
        Loading…
      </p>
    );
  }
  if (page.items.length === 0 && cursors.length === 1) return typeof empty === "string" ? <EmptyState title={empty} /> : empty;
  const pageNumber = cursors.length;
  return (
    <div class="paged-table" aria-busy={loading ? "true" : undefined}>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" class={column.class} key={column.title}>
                  {column.hiddenTitle ? <span class="visually-hidden">{column.title}</span> : column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={rowKey(item)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th scope="row" class={column.class} key={column.title}>
                      {column.render(item)}
                    </th>
                  ) : (
                    <td class={column.class} key={column.title}>
                      {column.render(item)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {(pageNumber > 1 || page.pageInfo.hasNextPage) && (
        <nav class="pager" aria-label={`Pages of ${caption.toLowerCase()}`}>
          <Button
            disabled={pageNumber === 1 || loading}
            onClick={() => {
              const previous = cursors.slice(0, -1);
              setCursors(previous);
              void show(previous.at(-1) ?? null);
            }}
          >
            Previous
          </Button>
          <span>Page {pageNumber}</span>
          <Button
            disabled={!page.pageInfo.hasNextPage || loading}
            onClick={() => {
              const after = page.pageInfo.endCursor ?? null;
              setCursors([...cursors, after]);
              void show(after);
            }}
          >
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
