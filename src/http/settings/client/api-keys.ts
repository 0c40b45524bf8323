/** Settings → API Keys: the list of the account's keys, with create and delete. */
import { ApiError, request } from "./api.js";
import { openCreateKeyDialog } from "./create-key.js";
import { confirmDialog } from "./dialogs.js";
import { formatDate, formatDateTime, h, replaceChildren } from "./dom.js";
import type { KeyListQuery, MeQuery } from "./gql/graphql.js";
import { DeleteKey, KeyList } from "./operations.js";

type Key = KeyListQuery["apiKeys"][number];

function keyRow(key: Key, deleted: () => void): HTMLTableRowElement {
  const remove = h("button", { type: "button", class: "danger small", "aria-label": `Delete key ${key.name}` }, "Delete");
  remove.addEventListener("click", async () => {
    const confirmed = await confirmDialog({
      title: `Delete key “${key.name}”?`,
      message: "Requests using it will fail immediately. This cannot be undone.",
      confirmLabel: "Delete key",
      action: async () => {
        await request(DeleteKey, { id: key.id });
      },
    });
    if (confirmed) deleted();
  });
  return h(
    "tr",
    {},
    h("th", { scope: "row" }, key.name),
    h("td", {}, h("code", {}, `knouds_live_${key.start}…`)),
    h("td", {}, h("span", { class: `badge scope-${key.scope}` }, key.scope)),
    h("td", {}, h("time", { datetime: key.createdAt }, formatDate(key.createdAt))),
    h("td", {}, key.lastUsedAt ? h("time", { datetime: key.lastUsedAt }, formatDateTime(key.lastUsedAt)) : "Never"),
    h("td", {}, remove),
  );
}

export function renderApiKeysTab(panel: HTMLElement, me: MeQuery): void {
  const list = h("div", { class: "key-list", "aria-live": "polite" });
  const create = h("button", { type: "button", class: "primary" }, "Create key");

  async function load(): Promise<void> {
    replaceChildren(list, h("p", { role: "status", class: "loading" }, "Loading keys…"));
    let keys: Key[];
    try {
      keys = (await request(KeyList)).apiKeys;
    } catch (failure) {
      const retry = h("button", { type: "button" }, "Try again");
      retry.addEventListener("click", () => void load());
      replaceChildren(
        list,
        h("div", { class: "error", role: "alert" }, `Could not load your keys: ${failure instanceof ApiError ? failure.message : "unknown error"} `, retry),
      );
      return;
    }
    if (keys.length === 0) {
      replaceChildren(
        list,
        h("div", { class: "empty" }, h("p", {}, h("strong", {}, "No API keys yet.")), h("p", {}, "Create one to call the Knouds API from scripts, CI or your backend.")),
      );
      return;
    }
    replaceChildren(
      list,
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, "Your API keys"),
        h(
          "thead",
          {},
          h("tr", {}, ...["Name", "Key", "Scope", "Created", "Last used"].map((title) => h("th", { scope: "col" }, title)), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions"))),
        ),
        h("tbody", {}, ...keys.map((key) => keyRow(key, () => void load()))),
      ),
    );
  }

  create.addEventListener("click", () => openCreateKeyDialog(me, () => void load()));
  replaceChildren(
    panel,
    h(
      "div",
      { class: "panel-head" },
      h(
        "div",
        {},
        h("h2", {}, "API Keys"),
        h("p", {}, "Keys authenticate requests with the ", h("code", {}, "x-api-key"), " header. A key's scope is capped by your plan."),
        h(
          "p",
          { class: "hint" },
          "Your workflows are ",
          h("code", {}, `${me.viewer!.account.handle}/…`),
          ": call yours as ",
          h("code", {}, "POST /api/workflows/my-flow/run"),
          ", others' public ones by full address, e.g. ",
          h("code", {}, "POST /api/workflows/knouds/hello-world/run"),
          ".",
        ),
      ),
      create,
    ),
    list,
  );
  void load();
}
