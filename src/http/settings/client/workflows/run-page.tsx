/**
 * /workflows/:slug/run: the form generated from the input schema (schema-form.ts), the run's
 * outputs by kind, or why it failed. The server checks the inputs; its problems show beside
 * the fields they name, and the ones no field shows above the button.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, errorMessage, gql } from "../api.js";
import type { RunWorkflowPageMutation } from "../gql/graphql.js";
import { Link, type PageProps } from "../router.js";
import { Button, Notice, Page } from "../ui/index.js";
import { announceRun } from "../runs/live.js";
import { useQuery } from "../use-query.js";
import { InputForm, controlId } from "./input-form.js";
import { RunWorkflowPage, WorkflowForRun } from "./operations.js";
import { Outputs } from "./outputs.js";
import { type FormValue, type InputProblem, formFields, formInputs, initialValue, problemsByField } from "./schema-form.js";
import { WorkflowLoadError } from "./workflow-missing.js";
import { WorkflowTabs, workflowPath } from "./workflow-tabs.js";

type Run = RunWorkflowPageMutation["runWorkflow"];

export default function WorkflowRunPage({ params }: PageProps) {
  const slug = params.slug!;
  const { data, error, reload } = useQuery(WorkflowForRun, { id: slug });
  const workflow = data?.workflow;
  const fields = useMemo(() => (workflow ? formFields(workflow.inputSchema) : []), [workflow]);
  const [values, setValues] = useState<Record<string, FormValue>>({});
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setValues(Object.fromEntries(fields.map((field) => [field.name, initialValue(field)]))), [fields]);
  const byField = useMemo(() => problemsByField(fields, values, problems), [fields, values, problems]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const { inputs, problems: local } = formInputs(fields, values);
    setProblems(local);
    if (local.length > 0) return focusFirstProblem(local);
    setBusy(true);
    setRun(null);
    try {
      const { runWorkflow } = await gql(RunWorkflowPage, { id: slug, inputs });
      setRun(runWorkflow);
      announceRun();
      requestAnimationFrame(() => document.getElementById("wf-run-result")?.focus());
    } catch (problem) {
      if (problem instanceof ApiError && problem.details.length > 0) {
        setProblems([...problem.details]);
        focusFirstProblem(problem.details);
      } else setFailure(errorMessage(problem));
    } finally {
      setBusy(false);
    }
  };

  if (!workflow) {
    return (
      <Page title="Run">
        <WorkflowTabs slug={slug} current="run" />
        {error ? <WorkflowLoadError slug={slug} error={error} retry={() => void reload()} /> : <p role="status">Loading…</p>}
      </Page>
    );
  }
  const unplaced = byField.get("") ?? [];
  return (
    <Page title={`Run ${workflow.name}`} intro={<p class="wf-address">{workflow.id}</p>}>
      <WorkflowTabs slug={slug} current="run" />
      <div class="wf-run">
        <form class="card wf-run-form" onSubmit={submit} noValidate aria-labelledby="wf-run-inputs">
          <h2 id="wf-run-inputs">Inputs</h2>
          {workflow.status === "draft" && (
            <Notice kind="info">
              This is a draft: you can run it here. <Link href={workflowPath(slug)}>Deploy it</Link> to run it with a free key.
            </Notice>
          )}
          <InputForm fields={fields} values={values} onChange={setValues} problems={byField} />
          {unplaced.length > 0 && (
            <Notice kind="error">
              <ul class="wf-problems">
                {unplaced.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </Notice>
          )}
          {failure && <Notice kind="error">{failure}</Notice>}
          <div class="actions">
            <Button type="submit" variant="primary" busy={busy} busyLabel="Running…">
              Run
            </Button>
          </div>
        </form>
        <section class="card wf-run-result" aria-labelledby="wf-run-result" aria-live="polite">
          <h2 id="wf-run-result" tabIndex={-1}>
            Result
          </h2>
          {busy ? (
            <p role="status">Running…</p>
          ) : !run ? (
            <p>Fill in the inputs and press Run. Each run is kept in the workflow's history.</p>
          ) : run.status === "succeeded" ? (
            <>
              <p class="wf-run-meta">
                Succeeded in {run.durationMs} ms · <Link href={workflowPath(slug, "runs")}>History</Link>
              </p>
              <Outputs outputs={run.outputs} />
            </>
          ) : (
            <Notice kind="error">
              The run failed: {run.error ?? "no reason given"}. <Link href={workflowPath(slug, "runs")}>History</Link>
            </Notice>
          )}
        </section>
      </div>
    </Page>
  );
}

/** Moves focus to the first field a problem names, so a keyboard or screen reader user lands on it. */
function focusFirstProblem(problems: readonly InputProblem[]): void {
  requestAnimationFrame(() => {
    for (const problem of problems) {
      const path = problem.path
        .split(".")
        .slice(1)
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
      for (let length = path.length; length > 0; length--) {
        const element = document.getElementById(controlId(path.slice(0, length)));
        if (element) {
          element.focus();
          return;
        }
      }
    }
  });
}
