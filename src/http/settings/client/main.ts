/** The settings page: sign-in at /sign-in, Settings → API Keys at /settings/api-keys. */
import { ApiError, request } from "./api.js";
import { renderApiKeysTab } from "./api-keys.js";
import { h, replaceChildren } from "./dom.js";
import type { MeQuery } from "./gql/graphql.js";
import { Me, SignOutPage } from "./operations.js";
import { planName } from "./plans.js";
import { renderSignIn } from "./sign-in.js";

const SETTINGS = "/settings/api-keys";
const root = document.getElementById("app")!;

function renderSettings(me: MeQuery): void {
  const account = me.viewer!.account;
  const signOut = h("button", { type: "button", class: "link" }, "Sign out");
  signOut.addEventListener("click", async () => {
    await request(SignOutPage).catch(() => undefined);
    location.assign("/sign-in");
  });
  const panel = h("section", { id: "panel-api-keys", role: "tabpanel", "aria-labelledby": "tab-api-keys", class: "card" });
  replaceChildren(
    root,
    h(
      "header",
      { class: "top" },
      h("a", { href: SETTINGS, class: "brand" }, "Knouds"),
      h("div", { class: "who" }, h("span", {}, account.email), h("span", { class: `badge tier-${account.tier}` }, `${planName(account.tier)} plan`), signOut),
    ),
    h(
      "main",
      {},
      h("h1", {}, "Settings"),
      h(
        "nav",
        { role: "tablist", "aria-label": "Settings sections" },
        h("a", { role: "tab", id: "tab-api-keys", href: SETTINGS, "aria-selected": "true", "aria-controls": "panel-api-keys" }, "API Keys"),
      ),
      panel,
      h("p", { class: "hint" }, "Try the API in the ", h("a", { href: "/graphql" }, "GraphQL playground"), "."),
    ),
  );
  renderApiKeysTab(panel, me);
}

async function start(): Promise<void> {
  if (location.pathname === "/sign-in" || location.pathname === "/sign-up") {
    renderSignIn(root, () => location.assign(SETTINGS), location.pathname === "/sign-in" ? "sign-in" : "sign-up");
    return;
  }
  replaceChildren(root, h("p", { role: "status", class: "loading" }, "Loading…"));
  try {
    const me = await request(Me);
    if (me.viewer?.authenticatedBy !== "SESSION") {
      location.replace("/sign-in");
      return;
    }
    renderSettings(me);
  } catch (failure) {
    const retry = h("button", { type: "button" }, "Try again");
    retry.addEventListener("click", () => void start());
    replaceChildren(root, h("div", { class: "card error", role: "alert" }, `Could not load your settings: ${failure instanceof ApiError ? failure.message : "unknown error"} `, retry));
  }
}

void start();
