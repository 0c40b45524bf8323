/** /runs: every run of the account, whichever workflow and whoever ran it. */
import type { PageProps } from "../router.js";
import { Page } from "../ui/index.js";
import { RunHistoryTable } from "./run-history.js";

export default function AccountRunsPage(_props: PageProps) {
  return (
    <Page title="Runs" intro={<p class="hint">Every run of your workflows, newest first: from this browser and from your API keys.</p>}>
      <RunHistoryTable showWorkflow={true} />
    </Page>
  );
}
