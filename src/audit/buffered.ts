import type { Logger } from "pino";
import { newId } from "../domain/ids.js";
import { WriteBehind } from "../lib/write-behind.js";
import type { AuditPage, AuditStore } from "../store/interface.js";
import type { AuditDetails, AuditEvent, AuditEventInput } from "../domain/audit-event.js";
import type { AuditLog } from "./interface.js";

/** Events waiting for the next batch; past this, new ones are dropped (and logged) rather than memory growing while the store is down. */
export const MAX_PENDING_AUDIT_EVENTS = 10_000;
/** Events deleted per statement when pruning, so retention never holds the store for long. */
const PRUNE_BATCH = 1000;
const PRUNE_EVERY_MS = 3_600_000;

export interface BufferedAuditLogOptions {
  store: AuditStore;
  logger: Pick<Logger, "error" | "warn">;
  /** How long an event is kept. */
  retentionMs: number;
  /** How often queued events are written; 0 writes only on flush() and close() (the CLI). */
  flushMs: number;
  /** Whether this process prunes on a timer (servers do; the CLI does not). */
  pruneOnTimer?: boolean;
}

function withoutUndefined(details: AuditDetails | undefined): AuditDetails {
  const kept: Record<string, unknown> = {};
  for (const name in details) {
    const value = (details as Record<string, unknown>)[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept as AuditDetails;
}

/** The audit log over the storage port: events are queued in memory and appended in batches. */
export class BufferedAuditLog implements AuditLog {
  private pending: AuditEvent[] = [];
  private dropped = 0;
  private readonly writes: WriteBehind<AuditEvent>;
  private readonly pruneTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BufferedAuditLogOptions) {
    this.writes = new WriteBehind<AuditEvent>(
      {
        take: () => {
          if (this.dropped > 0) {
            this.options.logger.error({ dropped: this.dropped }, "audit events dropped: the queue was full (is the store down?)");
            this.dropped = 0;
          }
          const batch = this.pending;
          this.pending = [];
          return batch;
        },
        write: (events) => this.options.store.append(events),
        putBack: (unwritten) => {
          const queued = [...unwritten, ...this.pending];
          this.dropped += Math.max(0, queued.length - MAX_PENDING_AUDIT_EVENTS);
          this.pending = queued.slice(0, MAX_PENDING_AUDIT_EVENTS);
        },
      },
      {
        flushMs: options.flushMs,
        onError: (error, events) =>
          this.options.logger.warn({ err: error, events }, "audit events not written yet; retrying with the next batch"),
      },
    );
    if (options.pruneOnTimer) {
      this.pruneTimer = setInterval(() => void this.prune().catch(() => undefined), PRUNE_EVERY_MS);
      this.pruneTimer.unref();
    }
  }

  record(input: AuditEventInput): void {
    if (this.pending.length >= MAX_PENDING_AUDIT_EVENTS) {
      this.dropped++;
      return;
    }
    this.pending.push(this.event(input));
  }

  event(input: AuditEventInput): AuditEvent {
    return {
      id: newId("evt"),
      accountId: input.accountId,
      type: input.type,
      at: Date.now(),
      actor: input.actor,
      key: input.key ? { id: input.key.id, name: input.key.name } : null,
      details: withoutUndefined(input.details),
      client: input.client ?? null,
    };
  }

  /** One write at a time, in order; a failed batch goes back to the front of the queue. */
  flush(): Promise<void> {
    return this.writes.flush();
  }

  async list(page: AuditPage): Promise<AuditEvent[]> {
    await this.flush();
    return this.options.store.list(page);
  }

  async prune(now = Date.now()): Promise<number> {
    const before = now - this.options.retentionMs;
    let total = 0;
    for (;;) {
      const deleted = await this.options.store.deleteBefore(before, PRUNE_BATCH);
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
      // Let requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): Promise<void> {
    clearInterval(this.pruneTimer);
    return this.writes.close();
  }
}
