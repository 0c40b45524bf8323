/**
 * The sign-up screen (/sign-up). The handle is offered here because it never changes: it is
 * the namespace of the account's workflows (`handle/slug`). The rule and the default come
 * from the server's own code (domain/handle.ts); the server still decides, and its message
 * about a refused or taken handle is shown under the field.
 */
import { derivedHandle, HANDLE_RULE, handleProblem, normalizeHandle, RESERVED_HANDLES } from "../../../domain/handle.js";
import { request } from "./api.js";
import { renderAuthPage } from "./auth-page.js";
import { field, h } from "./dom.js";
import { SignUpPage } from "./operations.js";

const EMAIL_LIKE = /^[^@\s]+@/;

export function renderSignUp(root: HTMLElement, signedIn: () => void, toSignIn: () => void): void {
  const email = h("input", { id: "email", name: "email", type: "email", autocomplete: "email", required: true });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    autocomplete: "new-password",
    minlength: "8",
    required: true,
  });
  const handle = h("input", {
    id: "handle",
    name: "handle",
    type: "text",
    autocomplete: "off",
    autocapitalize: "none",
    spellcheck: "false",
  });
  const name = h("input", { id: "name", name: "name", type: "text", autocomplete: "name" });

  // What the account's workflows will be addressed as: the chosen handle, or the one made from the email.
  const preview = h("small", { class: "handle-preview", "aria-live": "polite" });
  function updatePreview(): void {
    const chosen = normalizeHandle(handle.value);
    const fromEmail = EMAIL_LIKE.test(email.value) ? derivedHandle(email.value.trim()) : null;
    handle.placeholder = fromEmail ?? "";
    if (chosen !== "") {
      // Only a handle the rule allows is previewed; what is wrong with another, the server says on submit.
      if (handleProblem(chosen) === null) preview.replaceChildren("Your workflows will be ", h("code", {}, `${chosen}/…`), ".");
      else preview.replaceChildren();
    } else if (fromEmail) {
      preview.replaceChildren(
        "Left empty, it is made from your email: ",
        h("code", {}, `${fromEmail}/…`),
        " (a few random characters are added if that one is taken).",
      );
    } else {
      preview.replaceChildren("Left empty, it is made from your email.");
    }
  }
  email.addEventListener("input", updatePreview);
  handle.addEventListener("input", updatePreview);
  updatePreview();

  renderAuthPage(
    root,
    {
      mode: "sign-up",
      title: "Create your Knouds account",
      fields: {
        email: field(email, "Email"),
        password: field(password, "Password", "At least 8 characters."),
        handle: field(
          handle,
          "Handle (optional)",
          h(
            "small",
            {},
            "The namespace of your workflows (",
            h("code", {}, "handle/name"),
            "); it can never be changed. ",
            `${HANDLE_RULE[0]?.toUpperCase()}${HANDLE_RULE.slice(1)}. `,
            `Reserved words (${RESERVED_HANDLES.slice(0, 4).join(", ")}, …) and look-alikes are refused.`,
          ),
          preview,
        ),
        name: field(name, "Name (optional)"),
      },
      order: ["email", "password", "handle", "name"],
      submitLabel: "Create account",
      busyLabel: "Creating account…",
      send: () =>
        request(SignUpPage, {
          input: { email: email.value, password: password.value, handle: handle.value.trim() || null, name: name.value || null },
        }),
      conflictField: (message) => (/\bhandle\b/.test(message) ? "handle" : /\bemail\b/.test(message) ? "email" : null),
      switchText: "Already have an account? ",
      switchLabel: "Sign in",
      switchTo: toSignIn,
    },
    signedIn,
  );
}
