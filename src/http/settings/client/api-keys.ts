/** Settings → API Keys: the list of the account's keys, with create, delete, and (key-details.ts) rename, roll and details. */
import { ApiError, request } from "./api.js";
import { openCreateKeyDialog } from "./create-key.js";
import { confirmDialog } from "./dialogs.js";
import { formatDate, formatDateTime, h, replaceChildren } from "./dom.js";
import { keyActions } from "./key-details.js";
import { expiryCell } from "./key-expiry.js";
import type { KeyListQuery, MeQuery } from "./gql/graphql.js";
import { loadKeyUsage, usageCell, type KeyUsage } from "./key-usage.js";
import { DeleteKey, KEYS_PER_PAGE, KeyList } from "./operations.js";

type Key = KeyListQuery["apiKeys"]["edges"][number]["node"];

const COLUMNS = ["Name", "Key", "Scope", "Created", "Expires", "Last used", "Last 48 h"];

function keyRow(key: Key, usage: KeyUsage | undefined, deleted: () => void): HTMLTableRowElement[] {
  const { buttons, detailRow } = keyActions(key, COLUMNS.length + 1, deleted);
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
  return [
    h(
      "tr",
      {},
      h("th", { scope: "row" }, key.name),
      h("td", {}, h("code", {}, `knouds_live_${key.start}…`)),
      h("td", {}, h("span", { class: `badge scope-${key.scope}` }, key.scope)),
      h("td", {}, h("time", { datetime: key.createdAt }, formatDate(key.createdAt))),
      h("td", {}, expiryCell(key.expiresAt)),
      h("td", {}, key.lastUsedAt ? h("time", { datetime: key.lastUsedAt }, formatDateTime(key.lastUsedAt)) : "Never"),
      h("td", {}, usageCell(key.name, usage)),
      h("td", { class: "row-actions" }, ...buttons, remove),
    ),
    detailRow,
  ];
}

export function renderApiKeysTab(panel: HTMLElement, me: MeQuery): void {
  const list = h("div", { class: "key-list", "aria-live": "polite" });
  const create = h("button", { type: "button", class: "primary" }, "Create key");

  // Keys come KEYS_PER_PAGE at a time; later pages are appended on request.
  const rows = h("tbody");
  const more = h("button", { type: "button", class: "more", hidden: true }, "Show more keys");
  let nextCursor: string | null = null;
  function showMore(page: KeyListQuery["apiKeys"], usage: Map<string, KeyUsage>): void {
    rows.append(...page.edges.flatMap(({ node }) => keyRow(node, usage.get(node.id), () => void load())));
    nextCursor = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
    more.hidden = nextCursor === null;
  }
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const [page, usage] = await Promise.all([request(KeyList, { first: KEYS_PER_PAGE, after: nextCursor }), loadKeyUsage(nextCursor)]);
      showMore(page.apiKeys, usage);
      more.textContent = "Show more keys";
    } catch (failure) {
      more.textContent = `Could not load more keys: ${failure instanceof ApiError ? failure.message : "unknown error"}. Try again`;
    } finally {
      more.disabled = false;
    }
  });

  async function load(): Promise<void> {
    replaceChildren(list, h("p", { role: "status", class: "loading" }, "Loading keys…"));
    let page: KeyListQuery["apiKeys"];
    let usage: Map<string, KeyUsage>;
    try {
      [page, usage] = await Promise.all([request(KeyList, { first: KEYS_PER_PAGE }).then((answer) => answer.apiKeys), loadKeyUsage(null)]);
    } catch (failure) {
      const retry = h("button", { type: "button" }, "Try again");
      retry.addEventListener("click", () => void load());
      replaceChildren(
        list,
        h(
          "div",
          { class: "error", role: "alert" },
          `Could not load your keys: ${failure instanceof ApiError ? failure.message : "unknown error"} `,
          retry,
        ),
      );
      return;
    }
    if (page.edges.length === 0) {
      replaceChildren(
        list,
        h(
          "div",
          { class: "empty" },
          h("p", {}, h("strong", {}, "No API keys yet.")),
          h("p", {}, "Create one to call the Knouds API from scripts, CI or your backend."),
        ),
      );
      return;
    }
    replaceChildren(rows);
    replaceChildren(
      list,
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, "Your API keys"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...COLUMNS.map((title) => h("th", { scope: "col" }, title)),
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")),
          ),
        ),
        rows,
      ),
      more,
    );
    showMore(page, usage);
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
