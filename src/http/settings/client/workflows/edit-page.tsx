/** Placeholder until the editor's edit page is merged (this file is replaced by it). */
import type { PageProps } from "../router.js";
import { Page } from "../ui/index.js";
import { WorkflowTabs } from "./workflow-tabs.js";

export default function EditPage({ params }: PageProps) {
  return (
    <Page title="Edit workflow">
      <WorkflowTabs slug={params.slug!} current="edit" />
      <p>The editor is on its way.</p>
    </Page>
  );
}
