/** Placeholder until the editor's history page is merged (this file is replaced by it). */
import type { PageProps } from "../router.js";
import { Page } from "../ui/index.js";
import { WorkflowTabs } from "./workflow-tabs.js";

export default function RunsPage({ params }: PageProps) {
  return (
    <Page title="History">
      <WorkflowTabs slug={params.slug!} current="runs" />
      <p>The history is on its way.</p>
    </Page>
  );
}
