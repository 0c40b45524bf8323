import type Database from "better-sqlite3";
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

export function sqliteUsageStore(db: Database.Database): UsageStore {
  const q = {
    add: db.prepare(
      `INSERT INTO key_usage (key_id, period, start, ok, scope_denied, rate_limited, other_errors)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key_id, period, start) DO UPDATE SET
         ok = ok + excluded.ok,
         scope_denied = scope_denied + excluded.scope_denied,
         rate_limited = rate_limited + excluded.rate_limited,
         other_errors = other_errors + excluded.other_errors`,
    ),
    buckets: db.prepare("SELECT * FROM key_usage WHERE key_id = ? AND period = ? AND start >= ? ORDER BY start"),
    deleteBefore: db.prepare("DELETE FROM key_usage WHERE period = ? AND start < ?"),
  };
  const addAll = db.transaction((deltas: Parameters<UsageStore["add"]>[0]) => {
    // Positional: cheaper to bind than names (see runs.ts).
    for (const d of deltas) q.add.run(d.keyId, d.period, d.start, d.ok, d.scopeDenied, d.rateLimited, d.otherErrors);
  });
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
