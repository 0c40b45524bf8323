/** Security log: the account's audit events, newest first, twenty at a time ("Load older events" appends). */
import { useCallback, useEffect, useState } from "preact/hooks";
import { errorMessage, gql } from "../api.js";
import { formatDateTime, rollGraceText } from "../format.js";
import { graphql } from "../gql/index.js";
import type { AuditEventType, SecurityLogQuery, Tier } from "../gql/graphql.js";
import { planName } from "../plans.js";
import { useSession } from "../session.js";
import { Button, EmptyState, Page } from "../ui/index.js";

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
  graceSeconds?: number;
}

function describe(event: AuditEvent): string {
  const d = (event.details ?? {}) as Details;
  if (event.type === "KEY_ROLLED") return rollGraceText(d.graceSeconds, event.at);
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

function EventRow({ event, myId }: { event: AuditEvent; myId: string }) {
  const warn = event.type === "ACCOUNT_SIGN_IN_FAILED" || event.type === "KEY_REPORTED_LEAKED";
  return (
    <tr>
      <td data-label="When">
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </td>
      <th scope="row">
        <span class={warn ? "event warn" : "event"}>{EVENT_NAMES[event.type]}</span>
        {event.keyName && <div class="hint">Key “{event.keyName}”</div>}
      </th>
      <td data-label="Details">{describe(event)}</td>
      <td data-label="By">{actor(event, myId)}</td>
      <td data-label="From">
        {event.client?.address ? <code>{event.client.address}</code> : "—"}
        {event.client?.userAgent && (
          <div class="hint agent" title={event.client.userAgent}>
            {event.client.userAgent}
          </div>
        )}
      </td>
    </tr>
  );
}

export default function SecurityLogPage() {
  const { account } = useSession();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const loadPage = useCallback(async (after: string | null, shown: AuditEvent[]) => {
    setLoading(true);
    setError(null);
    try {
      const page = (await gql(SecurityLog, { after })).auditEvents;
      setEvents([...shown, ...page.edges.map((edge) => edge.node)]);
      setCursor(page.pageInfo.endCursor ?? null);
      setHasMore(page.pageInfo.hasNextPage);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void loadPage(null, []), [loadPage]);

  return (
    <Page
      title="Security log"
      intro={
        <p>
          Key changes, plan and admin changes, and sign-ins to this account, with where they came from. Never a key value or a password.
        </p>
      }
    >
      <section class="card">
        <div class="table-scroll">
          <table class="security-log">
            <caption class="visually-hidden">Security events, newest first</caption>
            <thead>
              <tr>
                {["When", "Event", "Details", "By", "From"].map((title) => (
                  <th scope="col" key={title}>
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <EventRow key={event.id} event={event} myId={account.id} />
              ))}
            </tbody>
          </table>
        </div>
        <div aria-live="polite">
          {loading && (
            <p role="status" class="loading">
              Loading events…
            </p>
          )}
          {error && (
            <div class="error" role="alert">
              Could not load the security log: {error}
            </div>
          )}
          {!loading && !error && events.length === 0 && <EmptyState title="No events yet." />}
        </div>
        {hasMore && !loading && (
          <Button class="more" onClick={() => void loadPage(cursor, events)}>
            Load older events
          </Button>
        )}
      </section>
    </Page>
  );
}
