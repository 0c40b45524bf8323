/**
 * The audit log port: an append-only record, per account, of what happened to its keys and
 * its standing, and of its sign-ins. Events never hold a key value or a password — only ids,
 * names, scopes, tiers, and the client's address and user agent (bounded, see client.ts).
 */
import type { AuditEvent, AuditEventInput } from "../domain/audit-event.js";
import type { AuditPage } from "../store/interface.js";

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
