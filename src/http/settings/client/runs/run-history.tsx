/**
 * A history of runs, newest first, a page at a time: the account's (/runs) or one workflow's
 * (/workflows/:slug/runs). Each row opens to show the run's inputs and its outputs or error.
 * On a phone the table becomes a stack of cards (settings.css, "Run history").
 */
import { useEffect, useState } from "preact/hooks";
import type { RunHistoryQuery } from "../gql/graphql.js";
import { Link } from "../router.js";
import { useSession } from "../session.js";
import { useQuery } from "../use-query.js";
import { Button, EmptyState, Notice } from "../ui/index.js";
import { Outputs } from "../workflows/outputs.js";
import { workflowPath } from "../workflows/workflow-tabs.js";
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

interface RunPage {
  runs: RunNode[];
  hasOlder: boolean;
  endCursor: string | null;
}

export function RunHistoryTable({ workflowId, showWorkflow }: RunHistoryProps) {
  // The cursors of the pages read so far: [null] is the newest page; Older pushes, Newer pops.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const after = cursors[cursors.length - 1] ?? null;
  const { data, error, loading, reload } = useQuery(RunHistory, { first: PAGE_SIZE, after, workflowId: workflowId ?? null });
  const page: RunPage | null = data
    ? {
        runs: data.runs.edges.map((edge) => edge.node),
        hasOlder: data.runs.pageInfo.hasNextPage,
        endCursor: data.runs.pageInfo.endCursor ?? null,
      }
    : null;

  useEffect(() => watchRuns(() => void reload()), [reload]);

  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  const columns = showWorkflow ? 6 : 5;
  return (
    <section class="run-history" aria-label="Runs" aria-busy={loading ? "true" : undefined}>
      <div class="run-toolbar">
        <p class="run-toolbar-note" role="status">
          {loading ? "Loading runs…" : page && page.runs.length > 0 ? `Newest first, ${PAGE_SIZE} a page.` : ""}
        </p>
        <Button onClick={() => void reload()} disabled={loading}>
          Refresh
        </Button>
      </div>
      {error && <Notice kind="error">Could not load the runs: {error.message}</Notice>}
      {page && page.runs.length === 0 && cursors.length === 1 && (
        <EmptyState title="No runs yet.">
          {workflowId
            ? "Runs of this workflow show here, from its Run page and from your API keys."
            : "Runs of your workflows show here, from this browser and from your API keys."}
        </EmptyState>
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
        <nav class="pager" aria-label="Pages of runs">
          <Button disabled={cursors.length === 1 || loading} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </Button>
          <span>Page {cursors.length}</span>
          <Button disabled={!page.hasOlder || loading} onClick={() => page.endCursor && setCursors([...cursors, page.endCursor])}>
            Older
          </Button>
        </nav>
      )}
    </section>
  );
}

function RunRows(props: { run: RunNode; showWorkflow: boolean; columns: number; open: boolean; onToggle: () => void }) {
  const { run, showWorkflow, columns, open, onToggle } = props;
  const detailsId = `run-details-${run.id}`;
  const started = formatStarted(run.startedAt);
  return (
    <tbody class={open ? "run-group run-group-open" : "run-group"}>
      <tr class="run-row">
        <td data-label="Status">
          <span class={`run-status run-status-${run.status}`}>{run.status}</span>
        </td>
        {showWorkflow && (
          <td data-label="Workflow">
            <RunSubject run={run} />
          </td>
        )}
        <td data-label="Started">
          <time dateTime={run.startedAt}>{started}</time>
        </td>
        <td data-label="Duration">{formatDuration(run.durationMs)}</td>
        <td data-label="Ran by">{ranByLabel(run.ranBy)}</td>
        <td class="run-toggle-cell">
          <Button size="small" aria-expanded={open ? "true" : "false"} aria-controls={detailsId} onClick={onToggle}>
            {open ? "Hide" : "Details"}
            <span class="visually-hidden"> of the run started {started}</span>
          </Button>
        </td>
      </tr>
      <tr class="run-details-row" id={detailsId} hidden={!open}>
        <td colSpan={columns}>{open && <RunDetails run={run} />}</td>
      </tr>
    </tbody>
  );
}

/** An own workflow as a link to its history; anything else as text. */
function RunSubject({ run }: { run: RunNode }) {
  const subject = runSubject(run, useSession().account.handle);
  return subject.kind === "own" ? <Link href={workflowPath(subject.slug, "runs")}>{subject.slug}</Link> : subject.text;
}

function RunDetails({ run }: { run: RunNode }) {
  return (
    <div class="run-details">
      <p class="run-id">
        Run <code>{run.id}</code>
      </p>
      <h3>Inputs</h3>
      <pre class="run-json">
        <code>{JSON.stringify(run.inputs, null, 2)}</code>
      </pre>
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
