import type Database from "better-sqlite3";

/**
 * `write` (a transaction) committed without SQLite's own sync, then the connection's level put
 * back: for what the write-behind buffers flush (usage counts, last uses, buffered audit events).
 * Nobody waits for those writes, and they were in memory only until the flush anyway; with
 * `synchronous=full` each of their commits would hold the event loop for an fsync, a chunk of
 * 500 rows at a time. They reach the disk with the next sync of the WAL: the next group commit
 * (group-commit.ts), the next durable write, or the next checkpoint.
 */
export function unsynced<A extends unknown[], R>(db: Database.Database, write: (...args: A) => R): (...args: A) => R {
  const level = db.pragma("synchronous", { simple: true }) as number;
  // 0 OFF and 1 NORMAL already commit without a sync.
  if (level < 2) return write;
  // exec, not a prepared statement: SQLite applies PRAGMA synchronous when it compiles the
  // statement, so running a prepared one again changes nothing.
  const withSync = `PRAGMA synchronous = ${level}`;
  return (...args) => {
    db.exec("PRAGMA synchronous = NORMAL");
    try {
      return write(...args);
    } finally {
      db.exec(withSync);
    }
  };
}
