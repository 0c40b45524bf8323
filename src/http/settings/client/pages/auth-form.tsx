/**
 * What the sign-in and sign-up pages share: the card, the fields with the server's message under
 * the one it is about, the submit button's states, the link to the other page. On success the
 * browser goes to `?next=` (a path of this app) or the workflows.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, type InputProblem } from "../api.js";
import { HOME } from "../routes.js";
import { Link } from "../router.js";
import { rememberSignedIn } from "../session.js";
import { Button } from "../ui/index.js";

export interface AuthField {
  name: string;
  label: string;
  /** The control (an <input> with this field's name); given id, aria-describedby and aria-invalid. */
  control: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: "true" }) => ComponentChildren;
  hints?: ComponentChildren[];
}

export interface AuthFormProps {
  title: string;
  fields: AuthField[];
  submitLabel: string;
  busyLabel: string;
  send: () => Promise<unknown>;
  /** The field a CONFLICT is about, from the server's message; null: shown for the whole form. */
  conflictField?: (message: string) => string | null;
  switchText: string;
  switchLabel: string;
  switchHref: string;
}

/** Where to go once signed in: `?next=` when it is a path of this app, else the workflows. */
export function afterSignIn(): string {
  const next = new URLSearchParams(location.search).get("next");
  return next && /^\/(?!\/)/.test(next) && !next.startsWith("/sign-") ? next : HOME;
}

/** The field's label and the server's message as one sentence: "Handle must be …". */
function aboutField(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label.replace(/ \(optional\)$/, "")} ${message}` : message;
}

export function AuthForm({
  title,
  fields,
  submitLabel,
  busyLabel,
  send,
  conflictField,
  switchText,
  switchLabel,
  switchHref,
}: AuthFormProps) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector("input")?.focus(), []);
  // After the server's answer: focus goes to the first field it has a message for.
  useEffect(() => {
    const first = fields.find((field) => errors[field.name]);
    if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first.name}"]`)?.focus();
  }, [errors, fields]);

  function show(failure: unknown): void {
    if (!(failure instanceof ApiError)) {
      setGeneral("Something went wrong. Try again.");
      return;
    }
    const problems: readonly InputProblem[] =
      failure.code === "CONFLICT"
        ? [{ path: conflictField?.(failure.message) ?? "", message: failure.message }]
        : failure.details.length > 0
          ? failure.details
          : [{ path: "", message: failure.message }];
    const placed: Record<string, string> = {};
    const rest: string[] = [];
    for (const problem of problems) {
      const field = fields.find((f) => f.name === problem.path);
      if (field) placed[field.name] = aboutField(field.label, problem.message);
      else rest.push(problem.message);
    }
    setErrors(placed);
    setGeneral(rest.length > 0 ? rest.join(" ") : null);
  }

  return (
    <main class="card narrow">
      <form
        ref={form}
        aria-labelledby="form-title"
        onSubmit={async (event) => {
          event.preventDefault();
          setErrors({});
          setGeneral(null);
          setBusy(true);
          try {
            await send();
            rememberSignedIn();
            location.assign(afterSignIn());
          } catch (failure) {
            show(failure);
            setBusy(false);
          }
        }}
      >
        <h1 id="form-title">{title}</h1>
        {fields.map((field) => {
          const id = field.name;
          const hintIds = (field.hints ?? []).map((_, index) => `${id}-hint-${index}`);
          const error = errors[field.name];
          const describedBy = [...(error ? [`${id}-error`] : []), ...hintIds].join(" ");
          return (
            <div class="field" key={field.name}>
              <label for={id}>{field.label}</label>
              {field.control({
                id,
                ...(describedBy ? { "aria-describedby": describedBy } : {}),
                ...(error ? { "aria-invalid": "true" } : {}),
              })}
              {error && (
                <p id={`${id}-error`} class="field-error">
                  {error}
                </p>
              )}
              {(field.hints ?? []).map((hint, index) => (
                <small id={hintIds[index]} key={hintIds[index]}>
                  {hint}
                </small>
              ))}
            </div>
          );
        })}
        {general && (
          <p class="error" role="alert">
            {general}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        <p class="switch">
          {switchText}
          <Link href={`${switchHref}${location.search}`}>{switchLabel}</Link>
        </p>
      </form>
    </main>
  );
}
