/** What a workflow page shows when the workflow cannot be loaded (deleted, mistyped, or the server is away). */
import type { ApiError } from "../api.js";
import { Link } from "../router.js";
import { Button, EmptyState, Notice } from "../ui/index.js";

export function WorkflowLoadError({ slug, error, retry }: { slug: string; error: ApiError; retry: () => void }) {
  if (error.code === "NOT_FOUND") {
    return (
      <EmptyState title={`You have no workflow "${slug}".`} action={<Link href="/workflows">Back to your workflows</Link>}>
        It may have been deleted, or the address is mistyped.
      </EmptyState>
    );
  }
  return (
    <Notice kind="error">
      Could not load the workflow: {error.message} <Button onClick={retry}>Try again</Button>
    </Notice>
  );
}
