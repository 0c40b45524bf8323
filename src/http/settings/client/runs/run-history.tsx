/**
 * A history of runs, newest first, a page at a time: the account's (/runs) or one workflow's
 * (/workflows/:slug/runs). Each row opens to show the run's inputs and its outputs or error.
 * On a phone the table becomes a stack of cards (settings.css, "Run history").
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError, gql } from "../api.js";
import type { RunHistoryQuery } from "../gql/graphql.js";
import { Outputs } from "../workflows/outputs.js";
import { formatDuration, formatStarted, ranByLabel, runSubject } from "./format.js";
import { watchRuns } from "./live.js";
import { RunHistory } from "./operations.js";

type RunNode = RunHistoryQuery["runs"]["edges"][number]["node"];

const PAGE_SIZE = 20;

export interface RunHistoryProps {
  /** One workflow's runs (`handle/slug` or a bare slug of your own); the account's when absent. */
  workflowId?: string;
  /** Whether each row names its workflow (the account's history does). */
  showWorkflow: boolean;
}

export function RunHistoryTable({ workflowId, showWorkflow }: RunHistoryProps) {
  // The cursors of the pages read so far: [null] is the newest page; Older pushes, Newer pops.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<{ runs: RunNode[]; hasOlder: boolean; endCursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const after = cursors[cursors.length - 1] ?? null;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const data = await gql(RunHistory, { first: PAGE_SIZE, after, workflowId: workflowId ?? null });
      setPage({
        runs: data.runs.edges.map((edge) => edge.node),
        hasOlder: data.runs.pageInfo.hasNextPage,
        endCursor: data.runs.pageInfo.endCursor ?? null,
      });
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  }, [after, workflowId]);

  useEffect(() => {
    void load();
    return watchRuns(() => void load());
  }, [load]);

  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  const columns = showWorkflow ? 6 : 5;
  return (
    <section class="run-history" aria-busy={loading}>
      <div class="run-toolbar">
        <p class="run-toolbar-note" aria-live="polite">
          {loading ? "Loading runs…" : page && page.runs.length > 0 ? `Newest first, ${PAGE_SIZE} a page.` : ""}
        </p>
        <button type="button" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
      </div>
      {error && (
        <p class="wf-notice error" role="alert">
          {error}
        </p>
      )}
      {page && page.runs.length === 0 && cursors.length === 1 && (
        <p class="empty">
          No runs yet.{" "}
          {workflowId
            ? "Run this workflow from its Run page, or with an API key."
            : "Runs of your workflows show here, from this browser and from your API keys."}
        </p>
      )}
      {page && page.runs.length > 0 && (
        <table class="run-table">
          <caption class="visually-hidden">Runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              {showWorkflow && <th scope="col">Workflow</th>}
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Ran by</th>
              <th scope="col">
                <span class="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          {page.runs.map((run) => (
            <RunRows
              key={run.id}
              run={run}
              showWorkflow={showWorkflow}
              columns={columns}
              open={open.has(run.id)}
              onToggle={() => toggle(run.id)}
            />
          ))}
        </table>
      )}
      {page && (cursors.length > 1 || page.hasOlder) && (
        <nav class="run-pages" aria-label="Pages of runs">
          <button type="button" disabled={cursors.length === 1 || loading} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </button>
          <span>Page {cursors.length}</span>
          <button
            type="button"
           
            disabled={!page.hasOlder || loading}
            onClick={() => page.endCursor && setCursors([...cursors, page.endCursor])}
          >
            Older
          </button>
        </nav>
      )}
    </section>
  );
}

function RunRows({
  run,
  showWorkflow,
  columns,
  open,
  onToggle,
}: {
  run: RunNode;
  showWorkflow: boolean;
  columns: number;
  open: boolean;
  onToggle: () => void;
}) {
  const detailsId = `run-${run.id}`;
  return (
    <tbody class={open ? "run-group run-group-open" : "run-group"}>
      <tr class="run-row">
        <td data-label="Status">
          <span class={`run-status run-status-${run.status}`}>{run.status}</span>
        </td>
        {showWorkflow && <td data-label="Workflow">{runSubject(run)}</td>}
        <td data-label="Started">
          <time dateTime={run.startedAt}>{formatStarted(run.startedAt)}</time>
        </td>
        <td data-label="Duration">{formatDuration(run.durationMs)}</td>
        <td data-label="Ran by">{ranByLabel(run.ranBy)}</td>
        <td class="run-toggle-cell">
          <button type="button" class="small run-toggle" aria-expanded={open} aria-controls={detailsId} onClick={onToggle}>
            {open ? "Hide" : "Details"}
            <span class="visually-hidden"> of the run started {formatStarted(run.startedAt)}</span>
          </button>
        </td>
      </tr>
      {open && (
        <tr class="run-details-row" id={detailsId}>
          <td colSpan={columns}>
            <RunDetails run={run} />
          </td>
        </tr>
      )}
    </tbody>
  );
}

function RunDetails({ run }: { run: RunNode }) {
  return (
    <div class="run-details">
      <p class="run-id">
        Run <code>{run.id}</code>
      </p>
      <h3>Inputs</h3>
      <pre class="run-json">{JSON.stringify(run.inputs, null, 2)}</pre>
      {run.error != null ? (
        <>
          <h3>Error</h3>
          <p class="run-error">{run.error}</p>
        </>
      ) : (
        <>
          <h3>Outputs</h3>
          <Outputs outputs={run.outputs} />
        </>
      )}
    </div>
  );
}
