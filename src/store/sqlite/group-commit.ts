import { closeSync, fdatasync, fdatasyncSync, openSync } from "node:fs";
import type Database from "better-sqlite3";
import { unsynced as withoutOwnSync } from "./unsynced.js";

interface PendingWrite {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` in the next group transaction; resolves once that transaction is committed (and on disk, when durable). */
  enqueue(write: () => void): Promise<void>;
  /** Commits whatever is pending now and waits for the disk; called once, before the database closes. */
  close(): void;
}

export interface GroupCommitOptions {
  /**
   * The database's -wal file, when commits must be on disk before they are acknowledged
   * (`synchronous=full`): group transactions then commit without SQLite's own sync, and the WAL
   * is synced on libuv's thread pool before their writers hear of it.
   */
  durableWal?: string | undefined;
}

/**
 * Inserts on the hot paths (runs, keys, sessions) are group-committed: every write queued in
 * the same turn of the event loop goes into one transaction, and each promise resolves only
 * after that transaction committed, so an acknowledged write costs a fraction of one
 * transaction per write.
 *
 * Durable (`synchronous=full`), a commit is acknowledged only once the WAL holding it is on
 * disk, as SQLite's FULL does — but SQLite would sync inside COMMIT, holding the event loop for
 * the disk's whole round trip (SQLite's COMMIT was 15–19% of the REST run's CPU profile; 8% after). So a group
 * transaction commits with `synchronous=NORMAL` (the WAL frames are written, not synced) and
 * `fdatasync` of the -wal file runs on the thread pool; every group committed before that sync
 * started resolves when it ends, and groups committed meanwhile wait for the next one. Every
 * other transaction of the connection keeps FULL and syncs as before.
 *
 * Transactions begin IMMEDIATE, holding the file's write lock from their first statement: a
 * write that reads before it writes (the key cap's count) reads what every process committed,
 * and nothing can commit between its read and its write.
 */
export function groupCommit(db: Database.Database, options: GroupCommitOptions = {}): GroupCommit {
  let pending: PendingWrite[] = [];
  // SQLite keeps the -wal file (same inode) while any connection has the database open; a
  // descriptor of our own is enough for fdatasync, which syncs the file whatever descriptor names it.
  const walFd = options.durableWal === undefined ? undefined : openSync(options.durableWal, "r+");
  // Durable, a group transaction commits without SQLite's own sync: ours follows it (syncWal).
  const ownSyncOff = <A extends unknown[]>(write: (...args: A) => void) => (walFd === undefined ? write : withoutOwnSync(db, write));
  const writeAll = ownSyncOff(
    db.transaction((batch: PendingWrite[]) => {
      for (const item of batch) item.write();
    }).immediate,
  );
  const writeOne = ownSyncOff(db.transaction((item: PendingWrite) => item.write()).immediate);
  /** Writes committed, waiting for a sync that starts after their commit. */
  let unsynced: PendingWrite[] = [];
  let syncing = false;
  let closed = false;

  function settle(items: PendingWrite[], error: unknown): void {
    for (const item of items) {
      if (error) item.reject(error);
      else item.resolve();
    }
  }

  function syncWal(): void {
    const items = unsynced;
    unsynced = [];
    syncing = true;
    fdatasync(walFd!, (error) => {
      syncing = false;
      // A failed sync leaves the writes committed but not known to be on disk: their writers
      // hear an error, as they would from a COMMIT whose own sync failed.
      settle(items, error);
      if (unsynced.length > 0) syncWal();
      else if (closed) closeSync(walFd!);
    });
  }

  /** Committed: acknowledged now, or once on disk when durable. */
  function committed(items: PendingWrite[]): void {
    if (walFd === undefined) {
      settle(items, null);
      return;
    }
    for (const item of items) unsynced.push(item);
    if (!syncing) syncWal();
  }

  function commitAll(batch: PendingWrite[]): void {
    try {
      writeAll(batch);
      committed(batch);
    } catch {
      // One bad write (a unique violation, say) must not fail the others: one by one, so each
      // caller gets its own outcome.
      for (const item of batch) {
        try {
          writeOne(item);
          committed([item]);
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }

  function flush(): void {
    const batch = pending;
    pending = [];
    if (batch.length > 0) commitAll(batch);
  }

  return {
    enqueue(write) {
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ write, resolve, reject });
      });
    },
    close() {
      flush();
      closed = true;
      if (walFd === undefined) return;
      // What was committed goes to disk now, on this thread. A sync still running on the pool
      // closes the descriptor when it ends.
      fdatasyncSync(walFd);
      const items = unsynced;
      unsynced = [];
      settle(items, null);
      if (!syncing) closeSync(walFd);
    },
  };
}
