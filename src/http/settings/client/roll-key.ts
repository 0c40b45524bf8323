/**
 * The "Roll key" dialog: a grace picker, then the new value shown once (as after create). The
 * key keeps its id, name and scope; the old value works until the grace ends.
 */
import { ApiError, request } from "./api.js";
import { revealValue } from "./create-key.js";
import { openDialog } from "./dialogs.js";
import { formatDateTime, h } from "./dom.js";
import type { KeyListQuery } from "./gql/graphql.js";
import { RollKey } from "./operations.js";

type Key = KeyListQuery["apiKeys"]["edges"][number]["node"];

const GRACES: Array<[seconds: number, label: string]> = [
  [0, "Stop the old value now"],
  [3600, "1 hour"],
  [86_400, "24 hours"],
  [3 * 86_400, "3 days"],
  [7 * 86_400, "7 days"],
];

export function openRollKeyDialog(key: Key, rolled: () => void): void {
  const grace = h(
    "select",
    { id: "roll-grace", name: "grace" },
    ...GRACES.map(([seconds, label]) => h("option", { value: String(seconds), selected: seconds === 86_400 }, label)),
  );
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, "Roll key");
  const cancel = h("button", { type: "button" }, "Cancel");
  const form = h(
    "form",
    {},
    h("h2", { id: "roll-title" }, `Roll key “${key.name}”`),
    h(
      "p",
      {},
      "The key gets a new value; its name, scope and expiry stay. Until the grace period ends the old value ",
      h("code", {}, `knouds_live_${key.start}…`),
      " keeps working, so you can update your deployments first.",
    ),
    key.graceEndsAt
      ? h("p", { class: "warning" }, "This key's previous value is still in its grace period: rolling again stops it now.")
      : null,
    h("div", { class: "field" }, h("label", { for: "roll-grace" }, "Old value keeps working for"), grace),
    error,
    h("div", { class: "actions" }, cancel, submit),
  );
  const dialog = openDialog("roll-title", form);
  cancel.addEventListener("click", () => dialog.close());
  let done = false;
  dialog.addEventListener("close", () => {
    if (done) rolled();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      const answer = await request(RollKey, { id: key.id, graceSeconds: Number(grace.value) });
      done = true;
      const { apiKey, value } = answer.rollApiKey;
      revealValue(dialog, `Key “${apiKey.name}” rolled`, value);
      const until = apiKey.graceEndsAt
        ? `The old value keeps working until ${formatDateTime(apiKey.graceEndsAt)}.`
        : "The old value no longer works.";
      dialog.querySelector(".hint")?.before(h("p", { class: "grace" }, until));
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : "Something went wrong. Try again.";
      error.hidden = false;
      submit.disabled = false;
    }
  });
  grace.focus();
}
