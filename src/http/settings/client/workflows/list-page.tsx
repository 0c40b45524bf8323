/** /workflows: the account's workflows, a page at a time, with status, visibility and last run. */
import { gql } from "../api.js";
import { Link } from "../router.js";
import { EmptyState, Page, PagedTable } from "../ui/index.js";
import { STATUS_LABEL, VISIBILITY_LABEL } from "./labels.js";
import { WORKFLOWS_PER_PAGE, WorkflowList } from "./operations.js";
import { ago, exactTime } from "./when.js";
import { workflowPath } from "./workflow-tabs.js";

type Row = NonNullable<Awaited<ReturnType<typeof loadPage>>["items"][number]>;

async function loadPage(after: string | null) {
  const { workflows } = await gql(WorkflowList, { first: WORKFLOWS_PER_PAGE, after });
  return { items: workflows.edges.map((edge) => edge.node), pageInfo: workflows.pageInfo };
}

export default function WorkflowListPage() {
  return (
    <Page
      title="Workflows"
      intro={<p>Build a workflow here, run it from its form, then call it from code with an API key.</p>}
      actions={
        <Link class="wf-button primary" href="/workflows/new">
          New workflow
        </Link>
      }
    >
      <PagedTable<Row>
        caption="Your workflows"
        load={loadPage}
        rowKey={(workflow) => workflow.id}
        empty={
          <EmptyState
            title="No workflows yet"
            action={
              <Link class="wf-button primary" href="/workflows/new">
                Create your first workflow
              </Link>
            }
          >
            Start from the docs' example, a picture from a prompt, and run it in a minute.
          </EmptyState>
        }
        columns={[
          {
            title: "Workflow",
            rowHeader: true,
            render: (workflow) => (
              <>
                <Link href={workflowPath(workflow.slug)}>{workflow.name}</Link>
                <span class="wf-slug">{workflow.slug}</span>
              </>
            ),
          },
          { title: "Status", render: (workflow) => <span class={`wf-badge wf-${workflow.status}`}>{STATUS_LABEL[workflow.status]}</span> },
          { title: "Visibility", render: (workflow) => VISIBILITY_LABEL[workflow.visibility] },
          {
            title: "Last run",
            render: (workflow) =>
              workflow.lastRunAt ? (
                <time dateTime={workflow.lastRunAt} title={exactTime(workflow.lastRunAt)}>
                  {ago(workflow.lastRunAt)}
                </time>
              ) : (
                "Never"
              ),
          },
          {
            title: "Actions",
            hiddenTitle: true,
            class: "wf-row-actions",
            render: (workflow) => (
              <Link href={workflowPath(workflow.slug, "run")} aria-label={`Run ${workflow.name}`}>
                Run
              </Link>
            ),
          },
        ]}
      />
    </Page>
  );
}
