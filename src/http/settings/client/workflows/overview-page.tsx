/**
 * /workflows/:slug: one workflow at a glance (status, visibility, steps, last run), with
 * deploy/undeploy, public/private and delete; the tabs lead to edit, run, history and code.
 */
import { useState } from "preact/hooks";
import { errorMessage, gql } from "../api.js";
import { Link, navigate, type PageProps } from "../router.js";
import { Button, ConfirmDialog, Notice, Page, showToast } from "../ui/index.js";
import { useQuery } from "../use-query.js";
import { STATUS_LABEL, VISIBILITY_LABEL } from "./labels.js";
import { DeleteWorkflowPage, DeployWorkflowPage, SetWorkflowVisibility, UndeployWorkflowPage, WorkflowOverview } from "./operations.js";
import { ago, exactTime } from "./when.js";
import { WorkflowLoadError } from "./workflow-missing.js";
import { WorkflowTabs, workflowPath } from "./workflow-tabs.js";

function When({ iso }: { iso: string | null | undefined }) {
  return iso ? (
    <time dateTime={iso} title={exactTime(iso)}>
      {ago(iso)}
    </time>
  ) : (
    <>Never</>
  );
}

export default function WorkflowOverviewPage({ params }: PageProps) {
  const slug = params.slug!;
  const { data, error, reload } = useQuery(WorkflowOverview, { id: slug });
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const workflow = data?.workflow;

  const act = async (label: string, action: () => Promise<unknown>, done: string) => {
    setBusy(label);
    setFailure(null);
    try {
      await action();
      await reload();
      showToast(done);
    } catch (problem) {
      setFailure(errorMessage(problem));
    } finally {
      setBusy(null);
    }
  };

  if (!workflow) {
    return (
      <Page title={slug}>
        <WorkflowTabs slug={slug} current="overview" />
        {error ? <WorkflowLoadError slug={slug} error={error} retry={() => void reload()} /> : <p role="status">Loading…</p>}
      </Page>
    );
  }
  const deployed = workflow.status === "deployed";
  const steps = Array.isArray(workflow.steps) ? (workflow.steps as Array<{ id?: unknown; model?: unknown }>) : [];
  return (
    <Page
      title={workflow.name}
      intro={<p class="wf-address">{workflow.id}</p>}
      actions={
        <Link class="wf-button primary" href={workflowPath(slug, "run")}>
          Run
        </Link>
      }
    >
      <WorkflowTabs slug={slug} current="overview" />
      {failure && <Notice kind="error">{failure}</Notice>}
      <section class="card wf-overview" aria-labelledby="wf-overview-state">
        <h2 id="wf-overview-state">State</h2>
        <dl class="wf-facts">
          <div>
            <dt>Status</dt>
            <dd>
              <span class={`wf-badge wf-${workflow.status}`}>{STATUS_LABEL[workflow.status]}</span>
              <small class="wf-fact-hint">
                {deployed
                  ? "Any key of your account can run it, a free one too."
                  : "Only you can run it here; deploy it to run it with a free key."}
              </small>
            </dd>
          </div>
          <div>
            <dt>Visibility</dt>
            <dd>
              {VISIBILITY_LABEL[workflow.visibility]}
              <small class="wf-fact-hint">
                {workflow.visibility === "public"
                  ? `Other accounts' deployment keys can run it as ${workflow.id} once it is deployed.`
                  : "No other account can see it."}
              </small>
            </dd>
          </div>
          <div>
            <dt>Last run</dt>
            <dd>
              <When iso={workflow.lastRunAt} />
            </dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>
              <When iso={workflow.updatedAt} />
            </dd>
          </div>
        </dl>
        {workflow.description && <p>{workflow.description}</p>}
        <div class="actions wf-overview-actions">
          <Button
            variant={deployed ? "plain" : "primary"}
            busy={busy === "deploy"}
            busyLabel={deployed ? "Undeploying…" : "Deploying…"}
            disabled={busy !== null}
            onClick={() =>
              deployed
                ? act("deploy", () => gql(UndeployWorkflowPage, { id: slug }), `${slug} is a draft again.`)
                : act("deploy", () => gql(DeployWorkflowPage, { id: slug }), `${slug} is deployed.`)
            }
          >
            {deployed ? "Undeploy" : "Deploy"}
          </Button>
          <Button
            busy={busy === "visibility"}
            busyLabel="Saving…"
            disabled={busy !== null}
            onClick={() => {
              const visibility = workflow.visibility === "public" ? "private" : "public";
              void act("visibility", () => gql(SetWorkflowVisibility, { id: slug, visibility }), `${slug} is ${visibility}.`);
            }}
          >
            {workflow.visibility === "public" ? "Make private" : "Make public"}
          </Button>
          <Button variant="danger" disabled={busy !== null} onClick={() => setConfirmDelete(true)}>
            Delete…
          </Button>
        </div>
      </section>
      <section class="card" aria-labelledby="wf-overview-steps">
        <h2 id="wf-overview-steps">Steps</h2>
        {steps.length === 0 ? (
          <p>No steps.</p>
        ) : (
          <ol class="wf-steps">
            {steps.map((step, index) => (
              <li key={index}>
                <code>{String(step.id)}</code> runs <code>{String(step.model)}</code>
              </li>
            ))}
          </ol>
        )}
        <p>
          <Link href={workflowPath(slug, "edit")}>Edit the definition</Link>
        </p>
      </section>
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${workflow.name}?`}
          message={`${workflow.id} is deleted for good: keys can no longer run it and the slug becomes free. Its past runs stay in your history.`}
          confirmLabel="Delete workflow"
          action={async () => {
            await gql(DeleteWorkflowPage, { id: slug });
          }}
          onClose={(done) => {
            setConfirmDelete(false);
            if (done) {
              showToast(`Deleted ${slug}.`);
              navigate("/workflows");
            }
          }}
        />
      )}
    </Page>
  );
}
