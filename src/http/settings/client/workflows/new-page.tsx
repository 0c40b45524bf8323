/**
 * /workflows/new: a workflow from a template (templates.ts), with its name and slug. The
 * server checks both; its message shows under the field it is about.
 */
import { useState } from "preact/hooks";
import { ApiError, errorMessage, gql } from "../api.js";
import { navigate } from "../router.js";
import { Button, Field, Notice, Page, showToast } from "../ui/index.js";
import { CreateWorkflowPage } from "./operations.js";
import { WORKFLOW_TEMPLATES, type WorkflowTemplate, templateFor } from "./templates.js";
import { workflowPath } from "./workflow-tabs.js";

/** Which field a create problem is about: `id` (or `input.id`) is the slug. */
function fieldOf(path: string): "slug" | "name" | null {
  const [first] = path.replace(/^input\./, "").split(".");
  return first === "id" ? "slug" : first === "name" ? "name" : null;
}

export default function NewWorkflowPage() {
  const [template, setTemplate] = useState<WorkflowTemplate>(templateFor(new URLSearchParams(location.search).get("template")));
  const [name, setName] = useState(template.name);
  const [slug, setSlug] = useState(template.slug);
  const [edited, setEdited] = useState({ name: false, slug: false });
  const [errors, setErrors] = useState<{ slug?: string; name?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const choose = (next: WorkflowTemplate) => {
    setTemplate(next);
    // What the person typed stays; what the last template suggested follows the new one.
    if (!edited.name) setName(next.name);
    if (!edited.slug) setSlug(next.slug);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const { createWorkflow } = await gql(CreateWorkflowPage, {
        input: { id: slug.trim(), name: name.trim(), description: template.description, visibility: "private", ...template.definition },
      });
      showToast(`Created ${createWorkflow.slug}.`);
      navigate(workflowPath(createWorkflow.slug));
    } catch (failure) {
      const next: { slug?: string; name?: string; form?: string } = {};
      if (failure instanceof ApiError && failure.details.length > 0) {
        for (const problem of failure.details) {
          const field = fieldOf(problem.path);
          const text = field ? problem.message : `${problem.path} ${problem.message}`.trim();
          next[field ?? "form"] = next[field ?? "form"] ? `${next[field ?? "form"]}; ${text}` : text;
        }
      } else if (failure instanceof ApiError && failure.code === "CONFLICT") {
        next.slug = failure.message;
      } else {
        next.form = errorMessage(failure);
      }
      setErrors(next);
      setBusy(false);
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(next.slug ? "#wf-new-slug" : next.name ? "#wf-new-name" : ".notice")?.focus(),
      );
    }
  };

  return (
    <Page title="New workflow" intro={<p>Start from a template; you can change everything later in the editor.</p>}>
      <form class="card wf-new" onSubmit={submit} noValidate>
        <fieldset class="wf-templates">
          <legend>Start from</legend>
          {WORKFLOW_TEMPLATES.map((option) => (
            <label class={`wf-template${option.key === template.key ? " selected" : ""}`} key={option.key}>
              <input
                type="radio"
                name="template"
                value={option.key}
                checked={option.key === template.key}
                onChange={() => choose(option)}
                aria-describedby={`wf-template-${option.key}`}
              />
              <span class="wf-template-title">{option.title}</span>
              <small id={`wf-template-${option.key}`}>{option.summary}</small>
            </label>
          ))}
        </fieldset>
        <Field label="Name" id="wf-new-name" error={errors.name} hints={["What the list shows. You can rename it later."]}>
          <input
            type="text"
            value={name}
            maxLength={200}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setEdited({ ...edited, name: true });
            }}
          />
        </Field>
        <Field
          label="Slug"
          id="wf-new-slug"
          error={errors.slug}
          hints={[
            "1-64 characters of a-z, 0-9 and -, unique in your account. It cannot be changed.",
            `Code calls it at /api/workflows/${slug.trim() || "…"}/run.`,
          ]}
        >
          <input
            type="text"
            value={slug}
            autocapitalize="off"
            spellcheck={false}
            onInput={(e) => {
              setSlug(e.currentTarget.value);
              setEdited({ ...edited, slug: true });
            }}
          />
        </Field>
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy} busyLabel="Creating…">
            Create workflow
          </Button>
        </div>
      </form>
    </Page>
  );
}
