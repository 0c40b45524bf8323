/** Stands in for the workflow pages until they land. */
import { Link } from "../router.js";
import { EmptyState, Page } from "../ui/index.js";

export default function WorkflowsPlaceholder() {
  return (
    <Page title="Workflows">
      <EmptyState title="Workflows in the browser are on their way.">
        Until then, manage them over the API; see <Link href="/settings/api-keys">API keys</Link>.
      </EmptyState>
    </Page>
  );
}
