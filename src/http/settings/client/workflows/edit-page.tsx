/**
 * /workflows/:slug/edit: name, description, visibility and the definition (input schema, steps,
 * outputs) in the JSON editor. Save sends updateWorkflow with all of them; the server is the
 * validator of record and stores nothing when it refuses. Its BAD_USER_INPUT details show where
 * they point: under a field, or as markers in the editor and in a list with "Go to" buttons.
 * Text that is not a definition's JSON is refused here, before anything is sent.
 */
import { useRef, useState } from "preact/hooks";
import { ApiError, errorMessage, gql } from "../api.js";
import { definitionText, type PlacedProblems, parseDefinition, placeProblems } from "../editor/definition.js";
import { type JsonEditor, JsonEditorField } from "../editor/json-editor.js";
import { lineAndColumn } from "../editor/json-path.js";
import { SaveWorkflow, WorkflowForEdit } from "../editor/operations.js";
import type { WorkflowForEditQuery } from "../gql/graphql.js";
import { Link, type PageProps } from "../router.js";
import { Button, Field, Notice, Page, showToast } from "../ui/index.js";
import { useQuery } from "../use-query.js";
import { WorkflowLoadError } from "./workflow-missing.js";
import { WorkflowTabs, workflowPath } from "./workflow-tabs.js";

type Workflow = WorkflowForEditQuery["workflow"];
type Visibility = Workflow["visibility"];

interface Problems extends PlacedProblems {
  /** What is wrong with the definition's text itself (not JSON, a part missing), found before sending. */
  syntax: { message: string; offset: number } | null;
}

const NO_PROBLEMS: Problems = { fields: {}, definition: [], other: [], syntax: null };

export default function EditWorkflowPage({ params }: PageProps) {
  const slug = params.slug!;
  const { data, error, reload } = useQuery(WorkflowForEdit, { id: slug });
  const workflow = data?.workflow;
  return (
    <Page title={workflow ? `Edit ${workflow.name}` : "Edit workflow"}>
      <WorkflowTabs slug={slug} current="edit" />
      {error && !workflow && <WorkflowLoadError slug={slug} error={error} retry={() => void reload()} />}
      {!workflow && !error && (
        <p role="status" class="loading">
          Loading…
        </p>
      )}
      {workflow && <EditForm key={workflow.id} workflow={workflow} />}
    </Page>
  );
}

function EditForm({ workflow }: { workflow: Workflow }) {
  const [name, setName] = useState(workflow.name);
  const [description, setDescription] = useState(workflow.description);
  const [visibility, setVisibility] = useState<Visibility>(workflow.visibility);
  const [text, setText] = useState(() => definitionText(workflow));
  const [saved, setSaved] = useState({ name, description, visibility, text });
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [saving, setSaving] = useState(false);
  const editor = useRef<JsonEditor | null>(null);
  const dirty = name !== saved.name || description !== saved.description || visibility !== saved.visibility || text !== saved.text;

  const save = async (event: Event) => {
    event.preventDefault();
    const current = editor.current?.text() ?? text;
    const parsed = parseDefinition(current);
    if (!parsed.ok) {
      const { line, column } = lineAndColumn(current, parsed.offset);
      setProblems({ ...NO_PROBLEMS, syntax: { message: `${parsed.message} (line ${line}, column ${column}).`, offset: parsed.offset } });
      editor.current?.showProblems([]);
      return;
    }
    setSaving(true);
    try {
      const { inputSchema, steps, outputs } = parsed.parts;
      const answer = await gql(SaveWorkflow, { id: workflow.slug, input: { name, description, visibility, inputSchema, steps, outputs } });
      const stored = answer.updateWorkflow;
      setProblems(NO_PROBLEMS);
      editor.current?.showProblems([]);
      setName(stored.name);
      setDescription(stored.description);
      setSaved({ name: stored.name, description: stored.description, visibility: stored.visibility, text: current });
      showToast(`Saved ${stored.name}.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.details.length > 0) {
        const placed = placeProblems(failure.details);
        setProblems({ ...placed, syntax: null });
        editor.current?.showProblems(placed.definition);
      } else {
        setProblems({ ...NO_PROBLEMS, other: [errorMessage(failure)] });
      }
    } finally {
      setSaving(false);
    }
  };

  const refused = problems.definition.length + Object.keys(problems.fields).length + problems.other.length;
  return (
    <form class="wf-edit-form" onSubmit={save} noValidate>
      {problems.syntax && (
        <Notice kind="error">The definition cannot be sent as it is: {problems.syntax.message} Nothing was saved.</Notice>
      )}
      {refused > 0 && (
        <Notice kind="error">
          <p>
            The server refused the change ({refused} problem{refused === 1 ? "" : "s"}, shown where they are). Nothing was saved.
          </p>
          {problems.other.length > 0 && (
            <ul>
              {problems.other.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <Field label="Name" error={problems.fields.name}>
        <input type="text" value={name} onInput={(event) => setName(event.currentTarget.value)} />
      </Field>
      <Field label="Description" error={problems.fields.description}>
        <textarea rows={2} value={description} onInput={(event) => setDescription(event.currentTarget.value)} />
      </Field>
      <fieldset class="wf-visibility" aria-describedby={problems.fields.visibility ? "wf-visibility-error" : undefined}>
        <legend>Visibility</legend>
        <label class="wf-radio">
          <input type="radio" name="visibility" checked={visibility === "private"} onChange={() => setVisibility("private")} /> Private:
          only your account sees and runs it
        </label>
        <label class="wf-radio">
          <input type="radio" name="visibility" checked={visibility === "public"} onChange={() => setVisibility("public")} /> Public: once
          deployed, other accounts' deployment keys may run it
        </label>
        {problems.fields.visibility && (
          <p class="field-error" id="wf-visibility-error">
            {problems.fields.visibility}
          </p>
        )}
      </fieldset>
      <div class="wf-definition">
        <h2>Definition</h2>
        <p class="hint">
          The input schema (JSON Schema draft-07), the steps and the outputs, as one JSON object. Tab moves on to the next control; Ctrl+]
          and Ctrl+[ (⌘ on a Mac) indent and dedent; Ctrl+Shift+M lists the problems.
        </p>
        <JsonEditorField
          label="Definition (JSON)"
          initialText={text}
          onChange={setText}
          editorRef={(instance) => {
            editor.current = instance;
          }}
        />
        {problems.syntax && (
          <p class="field-error wf-definition-error">
            {problems.syntax.message}{" "}
            <Button variant="link" onClick={() => problems.syntax && editor.current?.revealOffset(problems.syntax.offset)}>
              Go to the error
            </Button>
          </p>
        )}
        {problems.definition.length > 0 && (
          <ul class="wf-problems" aria-label="Problems in the definition">
            {problems.definition.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <code>{problem.path}</code>: {problem.message}{" "}
                <Button variant="link" onClick={() => editor.current?.reveal(problem.path)}>
                  Go to <span class="visually-hidden">{problem.path}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="wf-edit-actions">
        <Button type="submit" variant="primary" busy={saving} busyLabel="Saving…">
          Save
        </Button>
        <Link href={workflowPath(workflow.slug)}>{dirty ? "Leave without saving" : "Back to the overview"}</Link>
        <p class="wf-edit-status" role="status">
          {dirty ? "Unsaved changes." : ""}
        </p>
      </div>
      <p class="hint">
        {workflow.status === "deployed"
          ? "This workflow is deployed: a saved change applies from the next run."
          : "This workflow is a draft: deploy it to run it with any key of your account."}{" "}
        Deploy, undeploy and delete are on <Link href={workflowPath(workflow.slug)}>the overview</Link>.
      </p>
    </form>
  );
}
