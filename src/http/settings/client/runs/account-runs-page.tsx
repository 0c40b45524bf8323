/** Placeholder until the editor's account history page is merged (this file is replaced by it). */
import { Page } from "../ui/index.js";

export default function AccountRunsPage() {
  return (
    <Page title="Runs">
      <p>The history is on its way.</p>
    </Page>
  );
}
