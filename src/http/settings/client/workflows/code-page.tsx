/**
 * /workflows/:slug/code, "Call it from code": the docs' curl with this workflow's address, and
 * the same call in JavaScript, Python and GraphQL, all reading the key from $KNOUDS_API_KEY;
 * and a link to create a key of the lowest scope that can run it.
 */
import { useMemo } from "preact/hooks";
import { Link, type PageProps } from "../router.js";
import { useSession } from "../session.js";
import { CopyButton, Notice, Page } from "../ui/index.js";
import { useQuery } from "../use-query.js";
import { codeSamples, exampleValue } from "./code-samples.js";
import { WorkflowForRun } from "./operations.js";
import { WorkflowLoadError } from "./workflow-missing.js";
import { WorkflowTabs, workflowPath } from "./workflow-tabs.js";

export default function WorkflowCodePage({ params }: PageProps) {
  const slug = params.slug!;
  const { account } = useSession();
  const { data, error, reload } = useQuery(WorkflowForRun, { id: slug });
  const workflow = data?.workflow;
  const samples = useMemo(
    () => (workflow ? codeSamples(location.origin, workflow.slug, exampleValue(workflow.inputSchema)) : []),
    [workflow],
  );

  if (!workflow) {
    return (
      <Page title="Call it from code">
        <WorkflowTabs slug={slug} current="code" />
        {error ? <WorkflowLoadError slug={slug} error={error} retry={() => void reload()} /> : <p role="status">Loading…</p>}
      </Page>
    );
  }
  const deployed = workflow.status === "deployed";
  const canAdmin = account.allowedScopes.includes("admin");
  return (
    <Page
      title="Call it from code"
      intro={
        <p>
          Run <strong>{workflow.name}</strong> from a script, CI or another service with an API key in the <code>x-api-key</code> header.
          Your own workflows are called by their slug: <code>/api/workflows/{workflow.slug}/run</code>.
        </p>
      }
    >
      <WorkflowTabs slug={slug} current="code" />
      <section class="card wf-key-advice" aria-labelledby="wf-code-key">
        <h2 id="wf-code-key">The key</h2>
        {deployed ? (
          <p>
            A <code>free</code> key, the lowest scope, runs your own deployed workflows.{" "}
            <Link class="wf-button primary" href="/settings/api-keys?create=free">
              Create a free key
            </Link>
          </p>
        ) : (
          <Notice kind="warning">
            {workflow.name} is a draft. <Link href={workflowPath(slug)}>Deploy it</Link>, and any key of your account, a <code>free</code>{" "}
            one too, can run it.{" "}
            {canAdmin ? (
              <>
                As a draft only an <code>admin</code> key runs it: <Link href="/settings/api-keys?create=admin">create an admin key</Link>.
              </>
            ) : (
              <>As a draft only an admin key runs it, and your plan has none.</>
            )}
          </Notice>
        )}
        <p>
          Then keep its value in <code>KNOUDS_API_KEY</code>: <code>export KNOUDS_API_KEY="knouds_live_…"</code>. The examples read it from
          there; never put a key in your code.
        </p>
      </section>
      {samples.map((sample) => (
        <section class="card wf-sample" key={sample.key} aria-labelledby={`wf-sample-${sample.key}`}>
          <div class="wf-sample-head">
            <h2 id={`wf-sample-${sample.key}`}>{sample.title}</h2>
            <div class="wf-copy">
              <CopyButton size="small" text={sample.code} label={`Copy the ${sample.title} example`} />
            </div>
          </div>
          <pre class="wf-code">
            <code>{sample.code}</code>
          </pre>
        </section>
      ))}
      <p>
        The answer: <code>{'{"runId": "run_…", "status": "succeeded", "outputs": {…}}'}</code>. Every run shows in the workflow's{" "}
        <Link href={workflowPath(slug, "runs")}>history</Link>, with the key that made it.
      </p>
    </Page>
  );
}
