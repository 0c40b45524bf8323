/**
 * A key's row actions beyond Delete (Details, Rename, Roll) and its expandable detail row:
 * last use (time, address, user agent), expiry, and a rolled key's old value in its grace.
 */
import { formatDateTime, h } from "./dom.js";
import type { KeyListQuery } from "./gql/graphql.js";
import { expiryText } from "./key-expiry.js";
import { openRenameKeyDialog } from "./rename-key.js";
import { openRollKeyDialog } from "./roll-key.js";

type Key = KeyListQuery["apiKeys"]["edges"][number]["node"];

function fact(term: string, ...value: Array<Node | string>): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, ...value)];
}

function detailsList(key: Key): HTMLElement {
  const expiry = expiryText(key.expiresAt);
  return h(
    "dl",
    { class: "key-facts" },
    ...fact("Last used", key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"),
    ...fact("From address", key.lastUsedAddress ?? "—"),
    ...fact("User agent", key.lastUsedUserAgent ? h("code", {}, key.lastUsedUserAgent) : "—"),
    ...fact("Expires", key.expiresAt ? `${formatDateTime(key.expiresAt)} (${expiry.text.toLowerCase()})` : "Never"),
    ...(key.graceEndsAt
      ? fact("Previous value", h("code", {}, `knouds_live_${key.previousStart}…`), ` works until ${formatDateTime(key.graceEndsAt)}`)
      : []),
  );
}

/** The Details toggle, Rename and Roll buttons for a key's row, and the detail row that goes under it. */
export function keyActions(
  key: Key,
  columns: number,
  changed: () => void,
): { buttons: HTMLButtonElement[]; detailRow: HTMLTableRowElement } {
  const detailId = `key-details-${key.id}`;
  const detailRow = h("tr", { id: detailId, class: "key-details", hidden: true }, h("td", { colspan: String(columns) }, detailsList(key)));
  const toggle = h(
    "button",
    { type: "button", class: "small", "aria-expanded": "false", "aria-controls": detailId, "aria-label": `Details of key ${key.name}` },
    "Details",
  );
  toggle.addEventListener("click", () => {
    detailRow.hidden = !detailRow.hidden;
    toggle.setAttribute("aria-expanded", String(!detailRow.hidden));
  });
  const rename = h("button", { type: "button", class: "small", "aria-label": `Rename key ${key.name}` }, "Rename");
  rename.addEventListener("click", () => openRenameKeyDialog(key, changed));
  const roll = h("button", { type: "button", class: "small", "aria-label": `Roll key ${key.name}` }, "Roll");
  roll.addEventListener("click", () => openRollKeyDialog(key, changed));
  return { buttons: [toggle, rename, roll], detailRow };
}
