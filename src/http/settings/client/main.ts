/**
 * The settings page: sign-up at /sign-up, sign-in at /sign-in, Settings → API Keys and Security
 * log under /settings/. A visitor without a session goes to sign-in if this browser has signed
 * in before, to sign-up otherwise.
 */
import { ApiError, request } from "./api.js";
import { renderApiKeysTab } from "./api-keys.js";
import { h, replaceChildren } from "./dom.js";
import type { MeQuery } from "./gql/graphql.js";
import { Me, SignOutPage } from "./operations.js";
import { planName } from "./plans.js";
import { renderSecurityLogTab } from "./security-log.js";
import { type AuthMode, signedInBefore } from "./auth-page.js";
import { renderSignIn } from "./sign-in.js";
import { renderSignUp } from "./sign-up.js";

const SETTINGS = "/settings/api-keys";
const TABS = [
  { id: "api-keys", path: SETTINGS, title: "API Keys", render: renderApiKeysTab },
  { id: "security-log", path: "/settings/security-log", title: "Security log", render: renderSecurityLogTab },
] as const;
const root = document.getElementById("app")!;

function renderSettings(me: MeQuery): void {
  const account = me.viewer!.account;
  const signOut = h("button", { type: "button", class: "link" }, "Sign out");
  signOut.addEventListener("click", async () => {
    await request(SignOutPage).catch(() => undefined);
    location.assign("/sign-in");
  });
  const tab = TABS.find((t) => t.path === location.pathname) ?? TABS[0];
  const panel = h("section", { id: `panel-${tab.id}`, role: "tabpanel", "aria-labelledby": `tab-${tab.id}`, class: "card" });
  replaceChildren(
    root,
    h(
      "header",
      { class: "top" },
      h("a", { href: SETTINGS, class: "brand" }, "Knouds"),
      h(
        "div",
        { class: "who" },
        h("span", {}, account.email),
        h("span", { class: `badge tier-${account.tier}` }, `${planName(account.tier)} plan`),
        signOut,
      ),
    ),
    h(
      "main",
      {},
      h("h1", {}, "Settings"),
      h(
        "nav",
        { role: "tablist", "aria-label": "Settings sections" },
        ...TABS.map((t) =>
          h(
            "a",
            {
              role: "tab",
              id: `tab-${t.id}`,
              href: t.path,
              "aria-selected": t === tab ? "true" : "false",
              "aria-controls": t === tab ? `panel-${t.id}` : undefined,
            },
            t.title,
          ),
        ),
      ),
      panel,
      h("p", { class: "hint" }, "Try the API in the ", h("a", { href: "/graphql" }, "GraphQL playground"), "."),
    ),
  );
  tab.render(panel, me);
}

function renderAuth(mode: AuthMode): void {
  const signedIn = () => location.assign(SETTINGS);
  if (mode === "sign-in") renderSignIn(root, signedIn, () => renderAuth("sign-up"));
  else renderSignUp(root, signedIn, () => renderAuth("sign-in"));
}

async function start(): Promise<void> {
  if (location.pathname === "/sign-in" || location.pathname === "/sign-up") {
    renderAuth(location.pathname === "/sign-in" ? "sign-in" : "sign-up");
    return;
  }
  replaceChildren(root, h("p", { role: "status", class: "loading" }, "Loading…"));
  try {
    const me = await request(Me);
    if (me.viewer?.authenticatedBy !== "SESSION") {
      location.replace(signedInBefore() ? "/sign-in" : "/sign-up");
      return;
    }
    renderSettings(me);
  } catch (failure) {
    const retry = h("button", { type: "button" }, "Try again");
    retry.addEventListener("click", () => void start());
    replaceChildren(
      root,
      h(
        "div",
        { class: "card error", role: "alert" },
        `Could not load your settings: ${failure instanceof ApiError ? failure.message : "unknown error"} `,
        retry,
      ),
    );
  }
}

void start();
