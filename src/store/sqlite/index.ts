import Database from "better-sqlite3";
import { dirname } from "node:path";
import type { Store } from "../interface.js";
import { createPrivateFile, ensurePrivateDirectory } from "../../lib/private-files.js";
import { sqliteAccountStore } from "./accounts.js";
import { sqliteApiKeyStore } from "./api-keys.js";
import { sqliteAuditEventWriter, sqliteAuditStore } from "./audit.js";
import { groupCommit } from "./group-commit.js";
import { MIGRATIONS } from "./migrations.js";
import { sqliteRunStore } from "./runs.js";
import { sqliteSessionStore } from "./sessions.js";
import { sqliteUsageStore } from "./usage.js";
import { sqliteWorkflowStore } from "./workflows.js";

/** Applies pending migrations, each inside its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      const migration = MIGRATIONS[version]!;
      if (typeof migration === "string") db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export interface SqliteOptions {
  /**
   * `full` (the default): a commit is on disk before it is acknowledged, so it survives a power
   * cut too. `normal`: it survives the process being killed but may be lost with the machine,
   * for about a quarter more throughput on the run path.
   */
  synchronous?: "full" | "normal";
}

/** How long one check for other processes' writes (data_version) stands for every request. */
const CHANGE_CHECK_INTERVAL_MS = 1;

/**
 * Opens (creating when absent: directory 0700, file 0600, so its -wal and -shm are 0600 too)
 * the SQLite file in WAL mode and brings its schema up to date.
 */
export function openSqliteStore(file: string, options: SqliteOptions = {}): Store {
  if (file !== ":memory:") {
    ensurePrivateDirectory(dirname(file));
    createPrivateFile(file);
  }
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.synchronous === "normal" ? "NORMAL" : "FULL"}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  const ping = db.prepare("SELECT 1");
  // SQLite bumps data_version for this connection only when another connection commits.
  const dataVersion = db.prepare("PRAGMA data_version").pluck();
  let lastVersion = dataVersion.get() as number;
  let checkedAt = performance.now();
  // Durable commits of the hot paths sync the WAL off the event loop (group-commit.ts).
  const commits = groupCommit(db, { durableWal: file !== ":memory:" && options.synchronous !== "normal" ? `${file}-wal` : undefined });
  const bumpMissed = db.prepare("UPDATE missed_broadcasts SET count = count + 1 WHERE id = 1");
  const countMissed = db.prepare("SELECT count FROM missed_broadcasts WHERE id = 1").pluck();
  const writeEvents = sqliteAuditEventWriter(db);
  const readFingerprint = db.prepare("SELECT fingerprint FROM secret_fingerprint WHERE id = 1").pluck();
  const recordFingerprint = db.prepare(
    "INSERT INTO secret_fingerprint (id, fingerprint, recorded_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
  );
  const replaceFingerprint = db.prepare(
    "INSERT INTO secret_fingerprint (id, fingerprint, recorded_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, recorded_at = excluded.recorded_at",
  );

  return {
    kind: "sqlite",
    accounts: sqliteAccountStore(db),
    apiKeys: sqliteApiKeyStore(db, commits, writeEvents),
    sessions: sqliteSessionStore(db, commits),
    workflows: sqliteWorkflowStore(db),
    runs: sqliteRunStore(db, commits),
    usage: sqliteUsageStore(db),
    audit: sqliteAuditStore(db, writeEvents),
    missedBroadcasts: {
      async bump() {
        bumpMissed.run();
      },
      async count() {
        return countMissed.get() as number;
      },
    },
    secretFingerprint: {
      async get() {
        return (readFingerprint.get() as string | undefined) ?? null;
      },
      async recordIfAbsent(fingerprint) {
        // The insert and the read are one transaction: another process cannot slip in between.
        return db
          .transaction(() => {
            recordFingerprint.run(fingerprint, Date.now());
            return readFingerprint.get() as string;
          })
          .immediate();
      },
      async replace(fingerprint) {
        replaceFingerprint.run(fingerprint, Date.now());
      },
    },
    changedElsewhere() {
      // Reading data_version opens a read transaction (a lock and an unlock on the -shm file,
      // measured at 4 µs, about 4% of a REST run's CPU), so requests within a millisecond of a
      // check share it: a write another process finished more than a millisecond earlier is
      // always seen. The CLI's own exit and the operator's next request take longer than that.
      const now = performance.now();
      if (now - checkedAt < CHANGE_CHECK_INTERVAL_MS) return false;
      checkedAt = now;
      const version = dataVersion.get() as number;
      if (version === lastVersion) return false;
      lastVersion = version;
      return true;
    },
    async ping() {
      ping.get();
    },
    async close() {
      if (!db.open) return;
      commits.close();
      db.close();
    },
  };
}
