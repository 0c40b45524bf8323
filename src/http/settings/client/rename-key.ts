/** The "Rename key" dialog: the same name rules as "Create key" (the server checks them). */
import { ApiError, request } from "./api.js";
import { openDialog } from "./dialogs.js";
import { h } from "./dom.js";
import type { KeyListQuery } from "./gql/graphql.js";
import { RenameKey } from "./operations.js";

type Key = KeyListQuery["apiKeys"]["edges"][number]["node"];

export function openRenameKeyDialog(key: Key, renamed: () => void): void {
  const nameField = h("input", { id: "rename-name", name: "name", type: "text", required: true, maxlength: "100", autocomplete: "off" });
  nameField.value = key.name;
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, "Rename");
  const cancel = h("button", { type: "button" }, "Cancel");
  const form = h(
    "form",
    {},
    h("h2", { id: "rename-title" }, `Rename key “${key.name}”`),
    h("div", { class: "field" }, h("label", { for: "rename-name" }, "New name"), nameField),
    error,
    h("div", { class: "actions" }, cancel, submit),
  );
  const dialog = openDialog("rename-title", form);
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      await request(RenameKey, { id: key.id, name: nameField.value });
      dialog.close();
      renamed();
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : "Something went wrong. Try again.";
      error.hidden = false;
      submit.disabled = false;
    }
  });
  nameField.select();
}
