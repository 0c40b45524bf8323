import type Database from "better-sqlite3";
import { unsynced } from "./unsynced.js";
import type { AuditActor, AuditDetails, AuditEvent, AuditEventType } from "../../domain/audit-event.js";
import type { AuditStore } from "../interface.js";
import type { Row } from "./rows.js";

function toEvent(row: Row): AuditEvent {
  const address = row.address as string | null;
  const userAgent = row.user_agent as string | null;
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    type: row.type as AuditEventType,
    at: row.at as number,
    actor: JSON.parse(row.actor as string) as AuditActor,
    key: row.key_id === null ? null : { id: row.key_id as string, name: row.key_name as string },
    details: JSON.parse(row.details as string) as AuditDetails,
    client: address === null && userAgent === null ? null : { address, userAgent },
  };
}

const ROWS_PER_INSERT = 25;

/** Appends events with no transaction of its own: the caller's holds them (the audit store's, or a key's creation). */
export type AuditEventWriter = (events: readonly AuditEvent[]) => void;

export function sqliteAuditEventWriter(db: Database.Database): AuditEventWriter {
  const columns = "(id, account_id, type, at, actor, key_id, key_name, details, address, user_agent)";
  const values = (e: AuditEvent) => [
    e.id,
    e.accountId,
    e.type,
    e.at,
    JSON.stringify(e.actor),
    e.key?.id ?? null,
    e.key?.name ?? null,
    JSON.stringify(e.details),
    e.client?.address ?? null,
    e.client?.userAgent ?? null,
  ];
  const placeholders = (rows: number) => Array(rows).fill("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
  // An id already stored is the same event sent again (a retried batch): kept once. Rows go in
  // ROWS_PER_INSERT to a statement: each statement run has a fixed cost (binding, stepping,
  // its result object) that one row per statement paid per event (measured 6k instructions).
  const insertOne = db.prepare(`INSERT OR IGNORE INTO audit_events ${columns} VALUES ${placeholders(1)}`);
  const insertMany = db.prepare(`INSERT OR IGNORE INTO audit_events ${columns} VALUES ${placeholders(ROWS_PER_INSERT)}`);
  return (events) => {
    let next = 0;
    for (; next + ROWS_PER_INSERT <= events.length; next += ROWS_PER_INSERT) {
      insertMany.run(events.slice(next, next + ROWS_PER_INSERT).flatMap(values));
    }
    for (; next < events.length; next++) insertOne.run(values(events[next]!));
  };
}

export function sqliteAuditStore(db: Database.Database, writeEvents: AuditEventWriter): AuditStore {
  const appendAll = unsynced(db, db.transaction(writeEvents));
  const deleteBatch = db.prepare("DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < ? LIMIT ?)");
  return {
    async append(events) {
      if (events.length > 0) appendAll(events);
    },
    async list({ accountId, olderThan, newerThan, limit, oldestFirst }) {
      const conditions = ["account_id = ?"];
      const params: unknown[] = [accountId];
      if (olderThan !== undefined) {
        conditions.push("id < ?");
        params.push(olderThan);
      }
      if (newerThan !== undefined) {
        conditions.push("id > ?");
        params.push(newerThan);
      }
      params.push(limit);
      const sql = `SELECT * FROM audit_events WHERE ${conditions.join(" AND ")} ORDER BY id ${oldestFirst ? "ASC" : "DESC"} LIMIT ?`;
      return (db.prepare(sql).all(...params) as Row[]).map(toEvent);
    },
    async deleteBefore(before, limit) {
      return deleteBatch.run(before, limit).changes;
    },
  };
}
