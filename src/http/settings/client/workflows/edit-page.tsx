/**
 * /workflows/:slug/edit: name, description, visibility and the definition (input schema, steps,
 * outputs) in the JSON editor. Save sends updateWorkflow with all of them; the server is the
 * validator of record and stores nothing when it refuses. Its BAD_USER_INPUT details show where
 * they point: beside a field, or as markers in the editor and in a list with "Go to" buttons.
 * Text that is not JSON is refused here, before anything is sent.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, gql } from "../api.js";
import { definitionText, type FormField, type PlacedProblems, parseDefinition, placeProblems } from "../editor/definition.js";
import { type JsonEditor, JsonEditorField } from "../editor/json-editor.js";
import { lineAndColumn } from "../editor/json-path.js";
import { SaveWorkflow, WorkflowForEdit } from "../editor/operations.js";
import type { WorkflowForEditQuery } from "../gql/graphql.js";

type Workflow = WorkflowForEditQuery["workflow"];
type Visibility = Workflow["visibility"];

interface Problems extends PlacedProblems {
  /** What is wrong with the definition's text itself (not JSON, a part missing), found before sending. */
  syntax: { message: string; offset: number } | null;
}

const NO_PROBLEMS: Problems = { fields: {}, definition: [], other: [], syntax: null };

export default function EditWorkflowPage({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    gql(WorkflowForEdit, { id: slug }).then(
      (data) => !gone && setWorkflow(data.workflow),
      (error) => !gone && setLoadError(error instanceof ApiError ? error.message : String(error)),
    );
    return () => {
      gone = true;
    };
  }, [slug]);

  return (
    <main class="page wf-edit-page">
      <p class="breadcrumb">
        <a href="/workflows">Workflows</a> / <a href={`/workflows/${slug}`}>{slug}</a>
      </p>
      <h1>Edit {workflow ? workflow.name : slug}</h1>
      {loadError && (
        <p class="wf-notice error" role="alert">
          {loadError}
        </p>
      )}
      {!workflow && !loadError && <p>Loading…</p>}
      {workflow && <EditForm key={workflow.id} workflow={workflow} onSaved={setWorkflow} />}
    </main>
  );
}

function EditForm({ workflow, onSaved }: { workflow: Workflow; onSaved: (workflow: Workflow) => void }) {
  const [name, setName] = useState(workflow.name);
  const [description, setDescription] = useState(workflow.description);
  const [visibility, setVisibility] = useState<Visibility>(workflow.visibility);
  const [text, setText] = useState(() => definitionText(workflow));
  const [saved, setSaved] = useState({ name: workflow.name, description: workflow.description, visibility: workflow.visibility, text });
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const editor = useRef<JsonEditor | null>(null);
  const dirty = name !== saved.name || description !== saved.description || visibility !== saved.visibility || text !== saved.text;

  const save = async (event: Event) => {
    event.preventDefault();
    setStatus(null);
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
      const data = await gql(SaveWorkflow, {
        id: workflow.slug,
        input: {
          name,
          description,
          visibility,
          inputSchema: parsed.parts.inputSchema,
          steps: parsed.parts.steps,
          outputs: parsed.parts.outputs,
        },
      });
      const stored = data.updateWorkflow;
      setProblems(NO_PROBLEMS);
      editor.current?.showProblems([]);
      setSaved({ name: stored.name, description: stored.description, visibility: stored.visibility, text: current });
      setStatus(`Saved at ${new Date(stored.updatedAt).toLocaleTimeString()}.`);
      onSaved(stored);
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        const placed = placeProblems(error.details);
        setProblems({ ...placed, syntax: null });
        editor.current?.showProblems(placed.definition);
      } else {
        setProblems({ ...NO_PROBLEMS, other: [error instanceof ApiError ? error.message : String(error)] });
      }
    } finally {
      setSaving(false);
    }
  };

  const count = problems.definition.length + Object.keys(problems.fields).length + problems.other.length + (problems.syntax ? 1 : 0);
  return (
    <form class="wf-edit-form" onSubmit={save} noValidate>
      {count > 0 && (
        <div class="wf-notice error" role="alert">
          <p>
            {problems.syntax
              ? "The definition cannot be saved as it is. Nothing was saved."
              : `The server refused the change (${count} problem${count === 1 ? "" : "s"}). Nothing was saved.`}
          </p>
          {problems.other.length > 0 && (
            <ul>
              {problems.other.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <TextField id="wf-name" label="Name" value={name} onInput={setName} error={problems.fields.name} />
      <TextField
        id="wf-description"
        label="Description"
        value={description}
        onInput={setDescription}
        error={problems.fields.description}
        multiline
      />
      <fieldset class="wf-visibility" aria-describedby={problems.fields.visibility ? "wf-visibility-error" : undefined}>
        <legend>Visibility</legend>
        {(["private", "public"] as const).map((value) => (
          <label key={value} class="wf-radio">
            <input type="radio" name="visibility" value={value} checked={visibility === value} onChange={() => setVisibility(value)} />
            {value === "private"
              ? " Private: only your account can see and run it"
              : " Public: other accounts' deployment keys can run it once deployed"}
          </label>
        ))}
        <FieldError id="wf-visibility-error" field="visibility" problems={problems.fields} />
      </fieldset>
      <div class="wf-definition">
        <h2 id="wf-definition-label">Definition</h2>
        <p class="hint" id="wf-definition-hint">
          The input schema (JSON Schema), the steps and the outputs, as JSON. Tab moves on to the next control; Ctrl+] and Ctrl+[ indent and
          dedent.
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
          <p class="field-error wf-definition-error" id="wf-definition-error">
            {problems.syntax.message}{" "}
            <button
              type="button"
              class="link"
              onClick={() => problems.syntax && editor.current?.revealOffset(problems.syntax.offset)}
            >
              Go to the error
            </button>
          </p>
        )}
        {problems.definition.length > 0 && (
          <ul class="wf-problems" aria-label="Problems in the definition">
            {problems.definition.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <code>{problem.path}</code>: {problem.message}{" "}
                <button type="button" class="link" onClick={() => editor.current?.reveal(problem.path)}>
                  Go to <span class="visually-hidden">{problem.path}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="wf-edit-actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <a href={`/workflows/${workflow.slug}`}>
          {dirty ? "Cancel" : "Back to the workflow"}
        </a>
        <p class="wf-edit-status" aria-live="polite">
          {status ?? (dirty ? "Unsaved changes." : "")}
        </p>
      </div>
      <p class="wf-edit-note">
        This workflow is {workflow.status === "deployed" ? "deployed: a saved change applies to the next run" : "a draft"}. Deploy, undeploy
        or delete it from <a href={`/workflows/${workflow.slug}`}>its page</a>.
      </p>
    </form>
  );
}

function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
  multiline?: boolean;
}) {
  const errorId = `${props.id}-error`;
  const common = {
    id: props.id,
    value: props.value,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": props.error ? errorId : undefined,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function FieldError({ id, field, problems }: { id: string; field: FormField; problems: Problems["fields"] }) {
  const message = problems[field];
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}
