/** The sign-in / sign-up page. */
import { ApiError, request } from "./api.js";
import { h, replaceChildren } from "./dom.js";
import { SignInPage, SignUpPage } from "./operations.js";

type Mode = "sign-in" | "sign-up";

/** The sign-in or sign-up form; each has its own URL (/sign-in, /sign-up), kept in the address bar. */
export function renderSignIn(root: HTMLElement, signedIn: () => void, mode: Mode = "sign-in"): void {
  if (location.pathname !== `/${mode}`) history.replaceState(null, "", `/${mode}`);
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const email = h("input", { id: "email", name: "email", type: "email", autocomplete: "email", required: true });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    autocomplete: mode === "sign-in" ? "current-password" : "new-password",
    minlength: mode === "sign-up" ? "8" : undefined,
    required: true,
  });
  const name = h("input", { id: "name", name: "name", type: "text", autocomplete: "name" });
  const submit = h("button", { type: "submit", class: "primary" }, mode === "sign-in" ? "Sign in" : "Create account");

  const form = h(
    "form",
    {
      "aria-labelledby": "form-title",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        submit.disabled = true;
        submit.textContent = mode === "sign-in" ? "Signing in…" : "Creating account…";
        try {
          if (mode === "sign-in") await request(SignInPage, { input: { email: email.value, password: password.value } });
          else await request(SignUpPage, { input: { email: email.value, password: password.value, name: name.value || null } });
          signedIn();
        } catch (failure) {
          error.textContent = failure instanceof ApiError ? failure.message : "Something went wrong. Try again.";
          error.hidden = false;
          submit.disabled = false;
          submit.textContent = mode === "sign-in" ? "Sign in" : "Create account";
        }
      },
    },
    h("h1", { id: "form-title" }, mode === "sign-in" ? "Sign in to Knouds" : "Create your Knouds account"),
    mode === "sign-up" && h("div", { class: "field" }, h("label", { for: "name" }, "Name (optional)"), name),
    h("div", { class: "field" }, h("label", { for: "email" }, "Email"), email),
    h(
      "div",
      { class: "field" },
      h("label", { for: "password" }, "Password"),
      password,
      mode === "sign-up" && h("small", {}, "At least 8 characters."),
    ),
    error,
    submit,
    h(
      "p",
      { class: "switch" },
      mode === "sign-in" ? "New to Knouds? " : "Already have an account? ",
      h(
        "button",
        { type: "button", class: "link", onclick: () => renderSignIn(root, signedIn, mode === "sign-in" ? "sign-up" : "sign-in") },
        mode === "sign-in" ? "Create an account" : "Sign in",
      ),
    ),
  );
  replaceChildren(root, h("main", { class: "card narrow" }, form));
  email.focus();
}
