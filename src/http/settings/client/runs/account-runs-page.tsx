<<<<<<< HEAD
/** /runs: every run of the account, whichever workflow and whoever ran it. */
import { RunHistoryTable } from "./run-history.js";

export default function AccountRunsPage(_props: { params: Record<string, string> }) {
  return (
    <main class="page run-page">
      <h1>Runs</h1>
      <p class="page-lead">Every run of your workflows, newest first: from this browser and from your API keys.</p>
      <RunHistoryTable showWorkflow={true} />
    </main>
=======
/** Placeholder until the editor's account history page is merged (this file is replaced by it). */
import { Page } from "../ui/index.js";

export default function AccountRunsPage() {
  return (
    <Page title="Runs">
      <p>The history is on its way.</p>
    </Page>
>>>>>>> flows
  );
}
