import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { tempDataDir } from "../support/server.js";
import { account, accountsKeysAndSessionsContract } from "./contract.js";
import { pagesContract } from "./contract-pages.js";
import { workflowsAndRunsContract } from "./contract-workflows.js";

const openSqlite = async () => openSqliteStore(join(tempDataDir(), "knouds.db"));
accountsKeysAndSessionsContract("SQLite", openSqlite);
workflowsAndRunsContract("SQLite", openSqlite);
pagesContract("SQLite", openSqlite);

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
