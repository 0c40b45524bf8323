/** /workflows/:slug/runs: one workflow's runs. */
import { RunHistoryTable } from "../runs/run-history.js";

export default function WorkflowRunsPage({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  return (
    <main class="page run-page">
      <p class="breadcrumb">
        <a href="/workflows">Workflows</a> / <a href={`/workflows/${slug}`}>{slug}</a>
      </p>
      <h1>Runs of {slug}</h1>
      <RunHistoryTable workflowId={slug} showWorkflow={false} />
    </main>
  );
}
