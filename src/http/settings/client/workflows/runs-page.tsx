/** /workflows/:slug/runs: one workflow's runs, newest first. */
import { RunHistoryTable } from "../runs/run-history.js";
import type { PageProps } from "../router.js";
import { Page } from "../ui/index.js";
import { WorkflowTabs } from "./workflow-tabs.js";

export default function WorkflowRunsPage({ params }: PageProps) {
  const slug = params.slug!;
  return (
    <Page title={`History of ${slug}`}>
      <WorkflowTabs slug={slug} current="runs" />
      <RunHistoryTable workflowId={slug} showWorkflow={false} />
    </Page>
  );
}
