import type Database from "better-sqlite3";
import { unsynced } from "./unsynced.js";
import type { UsageBucket } from "../../domain/usage.js";
import type { UsageStore } from "../interface.js";
import type { Row } from "./rows.js";

function toBucket(row: Row): UsageBucket {
  return {
    start: row.start as number,
    ok: row.ok as number,
    scopeDenied: row.scope_denied as number,
    rateLimited: row.rate_limited as number,
    otherErrors: row.other_errors as number,
  };
}

/** Deltas a statement adds: a statement run has a fixed cost (binding, stepping, its result) that one row per statement paid per delta. */
const ROWS_PER_UPSERT = 25;

export function sqliteUsageStore(db: Database.Database): UsageStore {
  const upsert = (rows: number) =>
    db.prepare(
      `INSERT INTO key_usage (key_id, period, start, ok, scope_denied, rate_limited, other_errors)
       VALUES ${Array(rows).fill("(?, ?, ?, ?, ?, ?, ?)").join(", ")}
       ON CONFLICT (key_id, period, start) DO UPDATE SET
         ok = ok + excluded.ok,
         scope_denied = scope_denied + excluded.scope_denied,
         rate_limited = rate_limited + excluded.rate_limited,
         other_errors = other_errors + excluded.other_errors`,
    );
  const q = {
    addOne: upsert(1),
    addMany: upsert(ROWS_PER_UPSERT),
    buckets: db.prepare("SELECT * FROM key_usage WHERE key_id = ? AND period = ? AND start >= ? ORDER BY start"),
    deleteBefore: db.prepare("DELETE FROM key_usage WHERE period = ? AND start < ?"),
  };
  // Positional: cheaper to bind than names (see runs.ts). Two deltas of one bucket in one
  // statement add up like two statements: the second meets the first's row and adds to it.
  const values = (d: Parameters<UsageStore["add"]>[0][number]) => [
    d.keyId,
    d.period,
    d.start,
    d.ok,
    d.scopeDenied,
    d.rateLimited,
    d.otherErrors,
  ];
  const addAll = unsynced(
    db,
    db.transaction((deltas: Parameters<UsageStore["add"]>[0]) => {
      let next = 0;
      for (; next + ROWS_PER_UPSERT <= deltas.length; next += ROWS_PER_UPSERT) {
        q.addMany.run(deltas.slice(next, next + ROWS_PER_UPSERT).flatMap(values));
      }
      for (; next < deltas.length; next++) q.addOne.run(values(deltas[next]!));
    }),
  );
  return {
    async add(deltas) {
      if (deltas.length > 0) addAll(deltas);
    },
    async buckets(keyId, period, since) {
      return (q.buckets.all(keyId, period, since) as Row[]).map(toBucket);
    },
    async deleteBefore(period, before) {
      return q.deleteBefore.run(period, before).changes;
    },
  };
}
