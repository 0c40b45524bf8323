/** Settings → Security log: the account's audit events, newest first, twenty at a time. */
import { ApiError, request } from "./api.js";
import { formatDateTime, h, replaceChildren } from "./dom.js";
import { graphql } from "./gql/index.js";
import type { AuditEventType, MeQuery, SecurityLogQuery, Tier } from "./gql/graphql.js";
import { planName } from "./plans.js";

const SecurityLog = graphql(`
  query SecurityLog($after: String) {
    auditEvents(first: 20, after: $after) {
      edges {
        node {
          id
          type
          at
          actor {
            kind
            accountId
            email
            platformAdmin
          }
          keyName
          details
          client {
            address
            userAgent
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type AuditEvent = SecurityLogQuery["auditEvents"]["edges"][number]["node"];

const EVENT_NAMES: Record<AuditEventType, string> = {
  KEY_CREATED: "Key created",
  KEY_ROLLED: "Key rolled",
  KEY_RENAMED: "Key renamed",
  KEY_RESCOPED: "Key scope changed",
  KEY_EXPIRED: "Key expired",
  KEY_DELETED: "Key deleted",
  KEY_REPORTED_LEAKED: "Key reported leaked and deleted",
  ACCOUNT_TIER_CHANGED: "Plan changed",
  ACCOUNT_PLATFORM_ADMIN_CHANGED: "Platform admin changed",
  ACCOUNT_SIGNED_IN: "Signed in",
  ACCOUNT_SIGN_IN_FAILED: "Failed sign-in",
};

interface Details {
  scope?: string;
  previousScope?: string;
  tier?: Tier;
  previousTier?: Tier;
  platformAdmin?: boolean;
  name?: string;
  previousName?: string;
}

function describe(event: AuditEvent): string {
  const d = (event.details ?? {}) as Details;
  if (d.previousScope && d.scope) return `Scope ${d.previousScope} → ${d.scope}`;
  if (d.previousTier && d.tier) return `${planName(d.previousTier)} → ${planName(d.tier)}`;
  if (d.platformAdmin !== undefined) return d.platformAdmin ? "Granted" : "Revoked";
  if (d.previousName && d.name) return `“${d.previousName}” → “${d.name}”`;
  if (d.scope) return `Scope ${d.scope}`;
  return "";
}

function actor(event: AuditEvent, myId: string): string {
  switch (event.actor.kind) {
    case "ACCOUNT":
      if (event.actor.accountId === myId) return "You";
      return `${event.actor.email ?? "an account"}${event.actor.platformAdmin ? " (platform admin)" : ""}`;
    case "OPERATOR":
      return "Operator (CLI)";
    case "SYSTEM":
      return "Knouds";
    case "ANONYMOUS":
      return "Unknown";
  }
}

function eventRow(event: AuditEvent, myId: string): HTMLTableRowElement {
  const warn = event.type === "ACCOUNT_SIGN_IN_FAILED" || event.type === "KEY_REPORTED_LEAKED";
  return h(
    "tr",
    {},
    h("td", {}, h("time", { datetime: event.at }, formatDateTime(event.at))),
    h(
      "th",
      { scope: "row" },
      h("span", { class: warn ? "event warn" : "event" }, EVENT_NAMES[event.type]),
      event.keyName ? h("div", { class: "hint" }, `Key “${event.keyName}”`) : null,
    ),
    h("td", {}, describe(event)),
    h("td", {}, actor(event, myId)),
    h(
      "td",
      {},
      event.client?.address ? h("code", {}, event.client.address) : "—",
      event.client?.userAgent ? h("div", { class: "hint agent", title: event.client.userAgent }, event.client.userAgent) : null,
    ),
  );
}

export function renderSecurityLogTab(panel: HTMLElement, me: MeQuery): void {
  const myId = me.viewer!.account.id;
  const body = h("tbody", {});
  const status = h("div", { "aria-live": "polite" });
  const more = h("button", { type: "button", hidden: true }, "Load older events");
  let cursor: string | null = null;

  async function loadPage(): Promise<void> {
    more.disabled = true;
    replaceChildren(status, h("p", { role: "status", class: "loading" }, "Loading events…"));
    try {
      const page = (await request(SecurityLog, { after: cursor })).auditEvents;
      body.append(...page.edges.map((edge) => eventRow(edge.node, myId)));
      cursor = page.pageInfo.endCursor ?? null;
      more.hidden = !page.pageInfo.hasNextPage;
      replaceChildren(
        status,
        body.childElementCount === 0 ? h("div", { class: "empty" }, h("p", {}, h("strong", {}, "No events yet."))) : null,
      );
    } catch (failure) {
      replaceChildren(
        status,
        h(
          "div",
          { class: "error", role: "alert" },
          `Could not load the security log: ${failure instanceof ApiError ? failure.message : "unknown error"}`,
        ),
      );
    }
    more.disabled = false;
  }

  more.addEventListener("click", () => void loadPage());
  replaceChildren(
    panel,
    h(
      "div",
      { class: "panel-head" },
      h(
        "div",
        {},
        h("h2", {}, "Security log"),
        h(
          "p",
          {},
          "Key changes, plan and admin changes, and sign-ins to this account, with where they came from. Never a key value or a password.",
        ),
      ),
    ),
    h(
      "table",
      { class: "security-log" },
      h("caption", { class: "visually-hidden" }, "Security events, newest first"),
      h("thead", {}, h("tr", {}, ...["When", "Event", "Details", "By", "From"].map((title) => h("th", { scope: "col" }, title)))),
      body,
    ),
    status,
    more,
  );
  void loadPage();
}
