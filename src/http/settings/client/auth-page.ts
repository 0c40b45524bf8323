/** What the sign-in and sign-up screens share: the card, the submit button's states, the switch to the other screen. */
import { ApiError } from "./api.js";
import { type Field, h, replaceChildren } from "./dom.js";

export type AuthMode = "sign-in" | "sign-up";

const SIGNED_IN_BEFORE = "knouds:signed-in-before";

/**
 * Whether this browser has signed in (or signed up) before: `/` and the settings pages send a
 * visitor without a session to sign-in then, to sign-up otherwise. A hint only (localStorage,
 * no account data); a browser that refuses storage counts as new.
 */
export function signedInBefore(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_BEFORE) === "yes";
  } catch {
    return false;
  }
}

function rememberSignedIn(): void {
  try {
    localStorage.setItem(SIGNED_IN_BEFORE, "yes");
  } catch {
    // Storage refused: the next visit starts at sign-up, which links to sign-in.
  }
}

export interface AuthPage {
  mode: AuthMode;
  title: string;
  fields: Record<string, Field>;
  /** Field order on the page; `fields` may hold them in any order. */
  order: string[];
  submitLabel: string;
  busyLabel: string;
  send(): Promise<unknown>;
  /** The field a CONFLICT is about, from the server's message; null: shown for the whole form. */
  conflictField?(message: string): string | null;
  switchText: string;
  switchLabel: string;
  switchTo(): void;
}

/** The field's label and the server's message as one sentence: "Handle must be …". */
function aboutField(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label.replace(/ \(optional\)$/, "")} ${message}` : message;
}

export function renderAuthPage(root: HTMLElement, page: AuthPage, signedIn: () => void): void {
  if (location.pathname !== `/${page.mode}`) history.replaceState(null, "", `/${page.mode}`);
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, page.submitLabel);
  const fields = page.order.map((name) => page.fields[name]!);

  /** Puts each of the server's problems beside its field; what names no field goes above the button. */
  function show(failure: unknown): void {
    if (!(failure instanceof ApiError)) {
      error.textContent = "Something went wrong. Try again.";
      error.hidden = false;
      return;
    }
    const placed: string[] = [];
    const general: string[] = [];
    const problems =
      failure.code === "CONFLICT"
        ? [{ path: page.conflictField?.(failure.message) ?? "", message: failure.message }]
        : failure.details.length > 0
          ? failure.details
          : [{ path: "", message: failure.message }];
    for (const problem of problems) {
      const target = page.fields[problem.path];
      if (!target) {
        general.push(problem.message);
        continue;
      }
      const label = target.element.querySelector("label")?.textContent ?? problem.path;
      target.showError(aboutField(label, problem.message));
      placed.push(problem.path);
    }
    if (general.length > 0) {
      error.textContent = general.join(" ");
      error.hidden = false;
    }
    const first = page.order.find((name) => placed.includes(name));
    if (first) page.fields[first]!.element.querySelector("input")?.focus();
  }

  const form = h(
    "form",
    {
      "aria-labelledby": "form-title",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        for (const field of fields) field.clearError();
        submit.disabled = true;
        submit.textContent = page.busyLabel;
        try {
          await page.send();
          rememberSignedIn();
          signedIn();
        } catch (failure) {
          show(failure);
          submit.disabled = false;
          submit.textContent = page.submitLabel;
        }
      },
    },
    h("h1", { id: "form-title" }, page.title),
    ...fields.map((field) => field.element),
    error,
    submit,
    h("p", { class: "switch" }, page.switchText, h("button", { type: "button", class: "link", onclick: page.switchTo }, page.switchLabel)),
  );
  replaceChildren(root, h("main", { class: "card narrow" }, form));
  fields[0]?.element.querySelector("input")?.focus();
}
