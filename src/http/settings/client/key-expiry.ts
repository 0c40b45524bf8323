/** A key's expiry on the page: the picker in "Create key", and "expires in N days" in the list. */
import { formatDate, h } from "./dom.js";
import type { CreateApiKeyInput } from "./gql/graphql.js";

const DAY_MS = 86_400_000;
/** Under this many days left, the list warns. */
const WARN_DAYS = 7;
const PRESETS = [7, 30, 90] as const;

export interface ExpiryPicker {
  element: HTMLFieldSetElement;
  /** The expiry fields of CreateApiKeyInput for the current choice. */
  value(): Pick<CreateApiKeyInput, "expiresInDays" | "expiresAt">;
}

export function expiryPicker(): ExpiryPicker {
  const choice = h(
    "select",
    { id: "key-expiry", name: "expiry" },
    h("option", { value: "never", selected: true }, "Never"),
    ...PRESETS.map((days) => h("option", { value: String(days) }, `In ${days} days`)),
    h("option", { value: "date" }, "On a date…"),
  );
  const tomorrow = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
  const date = h("input", { id: "key-expiry-date", type: "date", min: tomorrow, hidden: true, "aria-label": "Expiry date" });
  choice.addEventListener("change", () => {
    date.hidden = choice.value !== "date";
    date.required = choice.value === "date";
  });
  const element = h(
    "fieldset",
    { class: "expiry" },
    h("legend", {}, "Expiry"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "key-expiry" }, "Expires"),
      choice,
      date,
      h("small", {}, "An expired key answers 401 like a deleted one. You can roll a key before it expires."),
    ),
  );
  return {
    element,
    value() {
      if (choice.value === "never") return {};
      // The end of the chosen day, in the browser's time zone.
      if (choice.value === "date") return { expiresAt: new Date(`${date.value}T23:59:59`).toISOString() };
      return { expiresInDays: Number(choice.value) };
    },
  };
}

/** "Never", "Expired", "Expires today" or "Expires in N days", and whether to warn. */
export function expiryText(expiresAt: string | null | undefined, now = Date.now()): { text: string; warn: boolean } {
  if (!expiresAt) return { text: "Never", warn: false };
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) return { text: "Expired", warn: true };
  const days = Math.floor(left / DAY_MS);
  const text = days === 0 ? "Expires today" : days === 1 ? "Expires in 1 day" : `Expires in ${days} days`;
  return { text, warn: days < WARN_DAYS };
}

/** The list's expiry cell content. */
export function expiryCell(expiresAt: string | null | undefined): HTMLElement {
  const { text, warn } = expiryText(expiresAt);
  if (!expiresAt) return h("span", { class: "hint" }, text);
  return h("span", { class: warn ? "expiry-warning" : "", title: formatDate(expiresAt) }, warn ? `⚠ ${text}` : text);
}
