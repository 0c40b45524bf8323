/**
 * Bench fixtures, written through the product's own services into a SQLite file before the
 * server starts: accounts, key pools (budgets are per key per minute, so a long load rotates
 * over enough keys to stay inside them; see pools.ts), browser sessions, and a million extra
 * keys. Pool keys share their accounts KEYS_PER_ACCOUNT to one (pools.ts), as a team's keys
 * would: the account budget counts all of them, and stays above what the pool plans to spend.
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { NOOP_AUDIT_LOG } from "../src/audit/noop.js";
import { AccountService } from "../src/auth/accounts.js";
import { ApiKeyService } from "../src/auth/api-keys.js";
import { LocalRevocationBus } from "../src/auth/revocation.js";
import { SessionService } from "../src/auth/sessions.js";
import type { Scope } from "../src/domain/scopes.js";
import { ensureExampleWorkflow } from "../src/runtime/example-workflow.js";
import { openSqliteStore } from "../src/store/sqlite/index.js";
import { KEYS_PER_ACCOUNT } from "./pools.js";

export interface Fixtures {
  adminKeys: string[];
  deploymentKeys: string[];
  sessionCookies: string[];
}

export async function seedFixtures(
  file: string,
  secret: string,
  sizes: { adminKeys: number; deploymentKeys: number; sessions: number },
): Promise<Fixtures> {
  // Seeding is not measured: commits need not wait for the disk.
  const store = openSqliteStore(file, { synchronous: "normal" });
  const bus = new LocalRevocationBus();
  const accounts = new AccountService(store, bus, NOOP_AUDIT_LOG);
  const keys = new ApiKeyService(store, secret, bus, NOOP_AUDIT_LOG);
  const sessions = new SessionService(store, 3600_000);
  try {
    await ensureExampleWorkflow(store);
    // Batches of concurrent writes share one group commit; one at a time would take minutes.
    const inBatches = async <T>(count: number, make: (i: number) => Promise<T>) => {
      const made: T[] = [];
      for (let start = 0; start < count; start += 500) {
        const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => make(start + i));
        made.push(...(await Promise.all(batch)));
      }
      return made;
    };
    const pool = async (scope: Scope, count: number) => {
      const owners = await inBatches(Math.ceil(count / KEYS_PER_ACCOUNT), (i) =>
        accounts.create({ email: `bench-${scope}-${i}@example.com`, password: null, tier: "business" }),
      );
      // Key i on account i mod owners: consecutive requests of a rotation land on different accounts.
      return inBatches(count, async (i) => {
        const owner = owners[i % owners.length]!;
        return (await keys.create(owner, owner, `bench ${scope} ${i}`, scope)).value;
      });
    };
    const sessionCookies = await inBatches(sizes.sessions, async (i) => {
      const account = await accounts.create({ email: `bench-${i}@example.com`, password: null, tier: "business" });
      return `knouds_session=${(await sessions.start(account.id)).token}`;
    });
    return {
      adminKeys: await pool("admin", sizes.adminKeys),
      deploymentKeys: await pool("deployment", sizes.deploymentKeys),
      sessionCookies,
    };
  } finally {
    sessions.close();
    await store.close();
  }
}

/**
 * Adds `count` keys straight into the SQLite table in one transaction: creating them one by one
 * through the service would take minutes and measure nothing the bench is about. Their
 * digests are random, so no value for them exists anywhere.
 */
export function addStoredKeys(file: string, count: number): void {
  const db = new Database(file);
  try {
    const accountId = "acc_bench_bulk";
    db.prepare(
      "INSERT OR IGNORE INTO accounts (id, email, name, tier, is_platform_admin, password_hash, created_at) VALUES (?, ?, ?, 'pro', 0, NULL, ?)",
    ).run(accountId, "bulk@example.com", "bulk", Date.now());
    const insert = db.prepare(
      "INSERT INTO api_keys (id, account_id, name, scope, scope_assigned_by_platform_admin, digest, start, created_at, last_used_at) VALUES (?, ?, 'bulk', 'deployment', 0, ?, 'bulk', ?, NULL)",
    );
    const now = Date.now();
    db.transaction(() => {
      for (let i = 0; i < count; i++) insert.run(`key_bulk_${i}`, accountId, randomBytes(32).toString("hex"), now);
    })();
  } finally {
    db.close();
  }
}

/**
 * Adds `count` runs of knouds/hello-world straight into the SQLite table, started at even steps
 * between `from` and `to` (epoch ms): a backlog for retention to work through. Like
 * addStoredKeys, one transaction, because the run path would take hours to make a million.
 */
export function addStoredRuns(file: string, count: number, from: number, to: number): void {
  const db = new Database(file);
  try {
    db.pragma("synchronous = OFF");
    const insert = db.prepare(
      `INSERT INTO runs (id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at)
       VALUES (?, 'acc_bench_bulk', 'key_bulk_0', 'knouds/hello-world', NULL, 'succeeded', '{"name":"Ada"}', '{"greeting":"Hello, Ada!"}', NULL, ?, ?)`,
    );
    const step = (to - from) / count;
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const startedAt = Math.floor(from + i * step);
        // The shape of newId("run"): time first, then a unique tail.
        insert.run(`run_${startedAt.toString(36).padStart(9, "0")}${i.toString(36).padStart(12, "0")}`, startedAt, startedAt + 1);
      }
    })();
  } finally {
    db.close();
  }
}

/** The start time of the oldest run, or null (the runs_started index answers it at once). */
export function oldestRunStartedAt(file: string): number | null {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT min(started_at) FROM runs").pluck().get() as number | null;
  } finally {
    db.close();
  }
}

/** How many runs started before `cutoff`. */
export function countRunsStartedBefore(file: string, cutoff: number): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM runs WHERE started_at < ?").pluck().get(cutoff) as number;
  } finally {
    db.close();
  }
}
