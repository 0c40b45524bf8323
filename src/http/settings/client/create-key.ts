/**
 * The "Create key" dialog: a name and a scope picker capped by the account's plan. After
 * creation the dialog shows the full value once; closing the dialog removes it from the page
 * (the value is never put in storage, and no later answer contains it).
 */
import { ApiError, request } from "./api.js";
import { openDialog } from "./dialogs.js";
import { h } from "./dom.js";
import { expiryPicker } from "./key-expiry.js";
import type { MeQuery, Scope } from "./gql/graphql.js";
import { CreateKey } from "./operations.js";
import { planName } from "./plans.js";

type Me = MeQuery;

function scopeOption(info: Me["scopes"][number], me: Me): HTMLElement {
  const account = me.viewer!.account;
  const allowed = account.allowedScopes.includes(info.scope);
  const id = `scope-${info.scope}`;
  const hint = allowed
    ? `${info.description}. ${info.requestsPerMinute.toLocaleString()} requests per minute.`
    : `Requires the ${planName(info.lowestTier)} plan or higher. You are on ${planName(account.tier)}.`;
  return h(
    "div",
    { class: allowed ? "option" : "option disabled" },
    h("input", {
      type: "radio",
      name: "scope",
      id,
      value: info.scope,
      checked: info.scope === account.scopeCeiling,
      disabled: !allowed,
      "aria-describedby": `${id}-hint`,
    }),
    h("label", { for: id }, h("span", { class: `badge scope-${info.scope}` }, info.scope)),
    h("small", { id: `${id}-hint` }, hint),
  );
}

/** How to reach the scopes the plan does not allow, on a self-hosted server; null when none is out of reach. */
function higherScopeNote(me: Me): HTMLElement | null {
  const account = me.viewer!.account;
  const outOfReach = me.scopes.filter((info) => !account.allowedScopes.includes(info.scope));
  const highest = outOfReach.at(-1);
  if (!highest) return null;
  return h(
    "p",
    { class: "hint" },
    "Need a higher scope? On a self-hosted Knouds server the operator changes your plan: ",
    h("code", {}, `npm run cli -- set-tier --email ${account.email} --tier ${highest.lowestTier}`),
    " (or a platform admin, with setAccountTier).",
  );
}

/** Shows a new key value once in `dialog` (after create or roll); closing the dialog removes it. */
export function revealValue(dialog: HTMLDialogElement, title: string, value: string): void {
  const field = h("input", { id: "new-key-value", type: "text", readonly: true, spellcheck: "false", autocomplete: "off" });
  field.value = value;
  const status = h("span", { role: "status", class: "copied" });
  const copy = h("button", { type: "button", class: "primary" }, "Copy");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select();
      document.execCommand("copy");
    }
    status.textContent = "Copied to the clipboard";
  });
  const done = h("button", { type: "button" }, "Done");
  done.addEventListener("click", () => dialog.close());
  // Whatever closes the dialog (Done, Escape), the value leaves the page with it.
  dialog.addEventListener("close", () => {
    field.value = "";
    field.remove();
  });
  dialog.replaceChildren(
    h("h2", { id: dialog.getAttribute("aria-labelledby") ?? "create-title" }, title),
    h("p", { class: "warning", role: "alert" }, h("strong", {}, "Copy this key now. "), "You won't be able to see it again."),
    h("label", { for: "new-key-value" }, "Your new API key"),
    h("div", { class: "reveal" }, field, copy),
    status,
    h("p", { class: "hint" }, "Send it in the ", h("code", {}, "x-api-key"), " header. Keep it out of source control."),
    h("div", { class: "actions" }, done),
  );
  field.focus();
  field.select();
}

export function openCreateKeyDialog(me: Me, created: () => void): void {
  const nameField = h("input", { id: "key-name", name: "name", type: "text", required: true, maxlength: "100", autocomplete: "off" });
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, "Create key");
  const expiry = expiryPicker();
  const cancel = h("button", { type: "button" }, "Cancel");
  const form = h(
    "form",
    {},
    h("h2", { id: "create-title" }, "Create an API key"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "key-name" }, "Name"),
      nameField,
      h("small", {}, "Say where it will be used, e.g. “CI deploys”."),
    ),
    h("fieldset", { class: "scopes" }, h("legend", {}, "Scope"), ...me.scopes.map((info) => scopeOption(info, me))),
    higherScopeNote(me),
    expiry.element,
    error,
    h("div", { class: "actions" }, cancel, submit),
  );
  const dialog = openDialog("create-title", form);
  cancel.addEventListener("click", () => dialog.close());
  let made = false;
  dialog.addEventListener("close", () => {
    if (made) created();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const scope = (form.querySelector<HTMLInputElement>('input[name="scope"]:checked')?.value ?? undefined) as Scope | undefined;
    submit.disabled = true;
    error.hidden = true;
    try {
      const answer = await request(CreateKey, { input: { name: nameField.value, scope, ...expiry.value() } });
      made = true;
      revealValue(dialog, `Key “${answer.createApiKey.apiKey.name}” created`, answer.createApiKey.value);
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : "Something went wrong. Try again.";
      error.hidden = false;
      submit.disabled = false;
    }
  });
  nameField.focus();
}
