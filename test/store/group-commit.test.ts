/**
 * The group commit of the hot paths (src/store/sqlite/group-commit.ts), on a real SQLite file:
 * durable, its writers hear of a commit only after the -wal file was synced on the thread pool;
 * every other transaction of the connection still syncs inside COMMIT (synchronous=FULL); the
 * -wal descriptor it opens is closed with the store.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { groupCommit } from "../../src/store/sqlite/group-commit.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { unsynced } from "../../src/store/sqlite/unsynced.js";
import { tempDataDir } from "../support/server.js";

function openDb() {
  const file = join(tempDataDir(), "commits.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
  return { db, file };
}

const openDescriptors = () => readdirSync("/proc/self/fd").length;

describe("group commit", () => {
  it("acknowledges a group only after the WAL was synced off the event loop, and leaves the connection syncing every other commit", async () => {
    const { db, file } = openDb();
    const commits = groupCommit(db, { durableWal: `${file}-wal` });
    let acknowledged = 0;
    const levelInside = new Set<unknown>();
    const writes = Array.from({ length: 50 }, (_, n) =>
      commits
        .enqueue(() => {
          levelInside.add(db.pragma("synchronous", { simple: true }));
          db.prepare("INSERT INTO t VALUES (?)").run(n);
        })
        .then(() => acknowledged++),
    );
    // The group commits in the next turn (setImmediate); its sync runs on the pool and is heard
    // in a later turn still: right after the commit nothing is acknowledged yet.
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(50);
    expect(acknowledged).toBe(0);
    await Promise.all(writes);
    expect(acknowledged).toBe(50);
    // 1 = NORMAL: the group transaction commits without SQLite's own sync (ours follows it).
    expect([...levelInside]).toEqual([1]);
    // 2 = FULL: only the group transactions commit without SQLite's own sync.
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    commits.close();
    db.close();
  });

  it("gives each writer of a failed group its own outcome, one by one", async () => {
    const { db, file } = openDb();
    const commits = groupCommit(db, { durableWal: `${file}-wal` });
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    const outcomes = await Promise.allSettled([1, 2, 2, 3].map((n) => commits.enqueue(() => insert.run(n))));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(db.prepare("SELECT n FROM t ORDER BY n").pluck().all()).toEqual([1, 2, 3]);
    commits.close();
    db.close();
  });

  it("closes the -wal descriptor it opened when the store closes", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const before = openDescriptors();
    for (let i = 0; i < 5; i++) {
      const store = openSqliteStore(file);
      await store.ping();
      await store.close();
    }
    expect(openDescriptors()).toBe(before);
  });

  it("commits what the write-behind buffers flush without SQLite's own sync, and puts the connection's level back, also when the write fails", () => {
    const { db } = openDb();
    const levelInside: unknown[] = [];
    const insert = unsynced(
      db,
      db.transaction((n: number) => {
        levelInside.push(db.pragma("synchronous", { simple: true }));
        db.prepare("INSERT INTO t VALUES (?)").run(n);
      }),
    );
    insert(1);
    expect(() => insert(1)).toThrow(/UNIQUE/);
    expect(levelInside).toEqual([1, 1]);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    db.pragma("synchronous = NORMAL");
    const unchanged = unsynced(
      db,
      db.transaction(() => db.prepare("INSERT INTO t VALUES (2)").run()),
    );
    unchanged();
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    db.close();
  });
});
