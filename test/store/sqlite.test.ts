import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { tempDataDir } from "../support/server.js";
import { account, accountsKeysAndSessionsContract } from "./contract.js";
import { workflowsAndRunsContract } from "./contract-workflows.js";

const openSqlite = async () => openSqliteStore(join(tempDataDir(), "knouds.db"));
accountsKeysAndSessionsContract("SQLite", openSqlite);
workflowsAndRunsContract("SQLite", openSqlite);

describe("SQLite file", () => {
  it("is created in WAL mode with every migration applied, and keeps data across reopen", async () => {
    const file = join(tempDataDir(), "nested", "knouds.db");
    const first = openSqliteStore(file);
    const a = account();
    await first.accounts.create(a);
    await first.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    raw.close();

    const second = openSqliteStore(file);
    expect(await second.accounts.findById(a.id)).toEqual(a);
    await second.close();
  });
});

describe("SQLite migration to key lifecycle", () => {
  it("keeps keys written before it: never expiring, not rolled, last use without address or agent", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const before = MIGRATIONS.findIndex((sql) => sql.includes("ADD COLUMN expires_at"));
    expect(before).toBeGreaterThan(0);
    const raw = new Database(file);
    for (const sql of MIGRATIONS.slice(0, before)) raw.exec(sql);
    raw.pragma(`user_version = ${before}`);
    const a = account();
    raw.prepare("INSERT INTO accounts (id, email, name, tier, created_at) VALUES (?, ?, ?, ?, ?)").run(a.id, a.email, a.name, a.tier, a.createdAt);
    raw
      .prepare("INSERT INTO api_keys (id, account_id, name, scope, digest, start, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run("key_old", a.id, "legacy", "free", "digest-old", "ab12", 1, 2);
    raw.close();

    const store = openSqliteStore(file);
    expect(await store.apiKeys.findByDigest("digest-old")).toMatchObject({
      id: "key_old",
      name: "legacy",
      lastUsedAt: 2,
      expiresAt: null,
      previousDigest: null,
      previousStart: null,
      graceEndsAt: null,
      lastUsedAddress: null,
      lastUsedUserAgent: null,
    });
    await store.close();
  });
});

