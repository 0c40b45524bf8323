import type Database from "better-sqlite3";

interface PendingWrite {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` in the next group transaction; resolves once that transaction committed. */
  enqueue(write: () => void): Promise<void>;
  /** Commits whatever is pending now (before the database closes). */
  flush(): void;
}

/**
 * Inserts on the hot paths (runs, keys, sessions) are group-committed: every write queued in
 * the same turn of the event loop goes into one transaction — one fsync with
 * synchronous=FULL — and each promise resolves only after that transaction committed, so an
 * acknowledged write is on disk at a fraction of the cost of one transaction per write.
 *
 * Transactions begin IMMEDIATE, holding the file's write lock from their first statement: a
 * write that reads before it writes (the key cap's count) reads what every process committed,
 * and nothing can commit between its read and its write.
 */
export function groupCommit(db: Database.Database): GroupCommit {
  let pending: PendingWrite[] = [];
  const writeAll = db.transaction((batch: PendingWrite[]) => {
    for (const item of batch) item.write();
  });
  const writeOne = db.transaction((item: PendingWrite) => item.write());

  function flush(): void {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      writeAll.immediate(batch);
      for (const item of batch) item.resolve();
    } catch {
      // One bad write (a unique violation, say) must not fail the others: one by one, so each
      // caller gets its own outcome.
      for (const item of batch) {
        try {
          writeOne.immediate(item);
          item.resolve();
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }

  return {
    enqueue(write) {
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ write, resolve, reject });
      });
    },
    flush,
  };
}
