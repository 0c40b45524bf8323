/**
 * The audit log port: an append-only record, per account, of what happened to its keys and
 * its standing, and of its sign-ins. Events never hold a key value or a password — only ids,
 * names, scopes, tiers, and the client's address and user agent (bounded, see client.ts).
 */
import type { Scope, Tier } from "../domain/scopes.js";
import type { AuditPage } from "../store/interface.js";

export const AUDIT_EVENT_TYPES = [
  "key.created",
  "key.rolled",
  "key.renamed",
  "key.rescoped",
  "key.expired",
  "key.deleted",
  "key.reported_leaked",
  "account.tier_changed",
  "account.platform_admin_changed",
  "account.signed_in",
  "account.sign_in_failed",
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Who did it: a signed-in account (the owner or a platform admin), the operator CLI, the server itself, or someone unidentified. */
export type AuditActor =
  | { kind: "account"; accountId: string; email: string; platformAdmin: boolean }
  | { kind: "operator" }
  | { kind: "system" }
  | { kind: "anonymous" };

/** Where a request came from, as the server saw it. */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

/** The facts an event may carry. A closed set of typed fields: there is no place for free text. */
export interface AuditDetails {
  scope?: Scope;
  previousScope?: Scope;
  tier?: Tier;
  previousTier?: Tier;
  platformAdmin?: boolean;
  name?: string;
  previousName?: string;
  expiresAt?: number | null;
  graceSeconds?: number;
}

export interface AuditEventInput {
  type: AuditEventType;
  /** The account whose log the event belongs to. */
  accountId: string;
  actor: AuditActor;
  key?: { id: string; name: string } | null;
  details?: AuditDetails;
  client?: ClientInfo | null;
}

export interface AuditEvent {
  /** Time-ordered: newer events have greater ids. */
  id: string;
  accountId: string;
  type: AuditEventType;
  at: number;
  actor: AuditActor;
  key: { id: string; name: string } | null;
  details: AuditDetails;
  client: ClientInfo | null;
}

export interface AuditLog {
  /**
   * Queues the event for the next batch. Never throws and never waits on the store: the
   * request that caused the event is not slowed or failed by the log.
   */
  record(event: AuditEventInput): void;
  /**
   * The event as it would be recorded, for a store write that keeps it atomically with the
   * change it describes (a key's creation); null when this log keeps nothing. Nothing is queued.
   */
  event(input: AuditEventInput): AuditEvent | null;
  /** Writes what is queued now (reads on this instance then see every event it recorded). */
  flush(): Promise<void>;
  /** A page of one account's events, including every event this instance has recorded so far. */
  list(page: AuditPage): Promise<AuditEvent[]>;
  /** Deletes events older than the retention window as of `now`, in batches; returns how many. */
  prune(now?: number): Promise<number>;
  /** Stops the timers and writes what is queued. */
  close(): Promise<void>;
}
