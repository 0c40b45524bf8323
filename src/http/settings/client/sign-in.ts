/** The sign-in screen (/sign-in). */
import { renderAuthPage } from "./auth-page.js";
import { field, h } from "./dom.js";
import { SignInPage } from "./operations.js";
import { request } from "./api.js";

export function renderSignIn(root: HTMLElement, signedIn: () => void, toSignUp: () => void): void {
  const email = h("input", { id: "email", name: "email", type: "email", autocomplete: "email", required: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  renderAuthPage(
    root,
    {
      mode: "sign-in",
      title: "Sign in to Knouds",
      fields: { email: field(email, "Email"), password: field(password, "Password") },
      order: ["email", "password"],
      submitLabel: "Sign in",
      busyLabel: "Signing in…",
      send: () => request(SignInPage, { input: { email: email.value, password: password.value } }),
      switchText: "New to Knouds? ",
      switchLabel: "Create an account",
      switchTo: toSignUp,
    },
    signedIn,
  );
}
