import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { tempDataDir } from "../support/server.js";
import { account, accountsKeysAndSessionsContract, apiKey } from "./contract.js";
import { pagesContract } from "./contract-pages.js";
import { runRetentionContract } from "./contract-retention.js";
import { workflow, workflowsAndRunsContract } from "./contract-workflows.js";
import { eventsContract } from "./contract-events.js";
import { secretFingerprintContract } from "./contract-secret.js";

const openSqlite = async () => openSqliteStore(join(tempDataDir(), "knouds.db"));
accountsKeysAndSessionsContract("SQLite", openSqlite);
workflowsAndRunsContract("SQLite", openSqlite);
eventsContract("SQLite", openSqlite);
pagesContract("SQLite", openSqlite);
runRetentionContract("SQLite", openSqlite);
secretFingerprintContract("SQLite", openSqlite);

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

describe("SQLite writes by another process", () => {
  it("are noticed by the first check over a millisecond after the write, its own writes never", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const store = openSqliteStore(file);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    await pause();
    expect(store.changedElsewhere!()).toBe(false);
    await store.accounts.create(account());
    await pause();
    expect(store.changedElsewhere!()).toBe(false);

    const other = new Database(file); // the operator CLI, say
    other.prepare("UPDATE accounts SET tier = 'pro'").run();
    await pause();
    expect(store.changedElsewhere!()).toBe(true);
    // Seen once; the next check finds nothing new.
    await pause();
    expect(store.changedElsewhere!()).toBe(false);
    other.close();
    await store.close();
  });
});

/** A SQLite file at the schema just before the migration containing `text`, as an older version left it. */
function migratedUpTo(file: string, text: string): Database.Database {
  const before = MIGRATIONS.findIndex((m) => typeof m === "string" && m.includes(text));
  expect(before).toBeGreaterThan(0);
  const raw = new Database(file);
  for (const migration of MIGRATIONS.slice(0, before)) {
    if (typeof migration === "string") raw.exec(migration);
    else migration(raw);
  }
  raw.pragma(`user_version = ${before}`);
  return raw;
}

describe("SQLite key cap across connections", () => {
  it("counts keys another process added or deleted since this one last counted", async () => {
    // Two stores on one file: two connections, as two server processes or the CLI have.
    const file = join(tempDataDir(), "knouds.db");
    const first = openSqliteStore(file);
    const second = openSqliteStore(file);
    const owner = account();
    await first.accounts.create(owner);
    expect(await first.apiKeys.createWithin(apiKey(owner.id), 3)).toBe(true);
    expect(await first.apiKeys.createWithin(apiKey(owner.id), 3)).toBe(true);
    // The third key comes from the other connection: the first must not allow a fourth.
    const third = apiKey(owner.id);
    expect(await second.apiKeys.createWithin(third, 3)).toBe(true);
    expect(await first.apiKeys.createWithin(apiKey(owner.id), 3)).toBe(false);
    // A key deleted by the other connection makes room here.
    await second.apiKeys.delete(third.id);
    expect(await first.apiKeys.createWithin(apiKey(owner.id), 3)).toBe(true);
    expect(await second.apiKeys.createWithin(apiKey(owner.id), 3)).toBe(false);
    expect(await first.apiKeys.countByAccount(owner.id)).toBe(3);
    // And one deleted through this store too.
    const [newest] = await first.apiKeys.listByAccount(owner.id, { after: null, limit: 1 });
    await first.apiKeys.delete(newest!.id);
    expect(await first.apiKeys.createWithin(apiKey(owner.id), 3)).toBe(true);
    expect(await first.apiKeys.countByAccount(owner.id)).toBe(3);
    await second.close();
    await first.close();
  });
});

describe("SQLite workflow cap across connections", () => {
  it("counts workflows another process created or deleted since this one last counted", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const first = openSqliteStore(file);
    const second = openSqliteStore(file);
    const owner = account();
    await first.accounts.create(owner);
    expect(await first.workflows.createWithin(workflow(owner, "a"), 2)).toBe(true);
    expect(await second.workflows.createWithin(workflow(owner, "b"), 2)).toBe(true);
    expect(await first.workflows.createWithin(workflow(owner, "c"), 2)).toBe(false);
    expect(await second.workflows.delete(`${owner.handle}/a`)).toBe(true);
    expect(await first.workflows.createWithin(workflow(owner, "c"), 2)).toBe(true);
    expect(await second.workflows.createWithin(workflow(owner, "d"), 2)).toBe(false);
    expect(await first.workflows.countByAccount(owner.id)).toBe(2);
    await second.close();
    await first.close();
  });
});

describe("SQLite migration to workflows in the browser", () => {
  it("keeps runs recorded before it, by their key with no name, and workflows that never ran", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const raw = migratedUpTo(file, "CREATE TABLE runs_next");
    const a = account();
    raw
      .prepare("INSERT INTO accounts (id, email, name, tier, created_at, handle) VALUES (?, ?, ?, ?, ?, ?)")
      .run(a.id, a.email, a.name, a.tier, a.createdAt, a.handle);
    const w = workflow(a, "old-flow");
    raw
      .prepare(
        "INSERT INTO workflows (id, slug, account_id, name, description, status, visibility, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        w.id,
        w.slug,
        a.id,
        w.name,
        "",
        "deployed",
        "private",
        JSON.stringify({ inputSchema: w.inputSchema, steps: w.steps, outputs: w.outputs }),
        1,
        1,
      );
    raw
      .prepare(
        "INSERT INTO runs (id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run("run_old", a.id, "key_old", w.id, null, "succeeded", '{"a":"x"}', '{"text":"x"}', null, 10, 15);
    raw.close();

    const store = openSqliteStore(file);
    expect(await store.runs.findById("run_old")).toEqual({
      id: "run_old",
      workflowId: w.id,
      modelId: null,
      accountId: a.id,
      keyId: "key_old",
      keyName: null,
      status: "succeeded",
      inputs: { a: "x" },
      outputs: { text: "x" },
      error: null,
      startedAt: 10,
      finishedAt: 15,
      durationMs: 5,
    });
    const page = await store.runs.listByAccount(a.id, {}, { after: null, limit: 10 });
    expect(page.items.map((r) => r.id)).toEqual(["run_old"]);
    expect((await store.workflows.findById(w.id))?.lastRunAt).toBeNull();
    await store.close();
  });
});

describe("SQLite migration to key lifecycle", () => {
  it("keeps keys written before it: never expiring, not rolled, last use without address or agent", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const raw = migratedUpTo(file, "ADD COLUMN expires_at");
    const a = account();
    raw
      .prepare("INSERT INTO accounts (id, email, name, tier, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(a.id, a.email, a.name, a.tier, a.createdAt);
    raw
      .prepare(
        "INSERT INTO api_keys (id, account_id, name, scope, digest, start, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
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
      rolledAt: null,
    });
    await store.close();
  });
});

describe("SQLite migration dropping the per-filter run indexes", () => {
  it("drops them; what was stored before is still read (audit events listed and pruned)", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const raw = migratedUpTo(file, "DROP INDEX IF EXISTS runs_account_workflow_newest");
    const a = account();
    const insert = raw.prepare(
      "INSERT INTO audit_events (id, account_id, type, at, actor, key_id, key_name, details, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    insert.run(
      "aud_1",
      a.id,
      "key.created",
      1000,
      '{"kind":"account","accountId":"x"}',
      "key_1",
      "ci",
      '{"scope":"free"}',
      "127.0.0.1",
      "curl",
    );
    insert.run("aud_2", a.id, "key.deleted", 2000, '{"kind":"account","accountId":"x"}', "key_1", "ci", "{}", null, null);
    raw.close();

    const store = openSqliteStore(file);
    const listed = await store.audit.list({ accountId: a.id, limit: 10 });
    expect(listed.map((e) => [e.id, e.type, e.at, e.key?.name, e.client?.userAgent])).toEqual([
      ["aud_2", "key.deleted", 2000, "ci", undefined],
      ["aud_1", "key.created", 1000, "ci", "curl"],
    ]);
    expect(await store.audit.deleteBefore(1500, 10)).toBe(1);
    await store.close();
    const check = new Database(file, { readonly: true });
    const indexes = check
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('runs', 'audit_events')")
      .pluck()
      .all();
    expect(indexes).not.toContain("runs_account_workflow_newest");
    expect(indexes).not.toContain("runs_account_status_newest");
    expect(indexes).toContain("runs_account_newest");
    check.close();
  });
});

describe("SQLite migration to per-account workflow namespaces", () => {
  it("gives existing accounts derived handles (the system account `knouds`) and keeps each workflow's slug under its owner", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const old = new Database(file);
    // The schema as it was before namespaces: the first two migrations.
    for (const migration of MIGRATIONS.slice(0, 2)) old.exec(migration as string);
    old.pragma("user_version = 2");
    const insertAccount = old.prepare("INSERT INTO accounts (id, email, name, tier, created_at) VALUES (?, ?, 'x', 'business', ?)");
    insertAccount.run("acc_system", "system@knouds.invalid", 0);
    insertAccount.run("acc_1", "Ada.Lovelace@example.com", 1);
    insertAccount.run("acc_2", "ada.lovelace@example.org", 2);
    insertAccount.run("acc_3", "knouds@example.com", 3);
    const insertWorkflow = old.prepare(
      `INSERT INTO workflows (id, account_id, name, description, status, visibility, definition, created_at, updated_at)
       VALUES (?, ?, 'n', '', 'deployed', 'public', '{"inputSchema":{},"steps":[],"outputs":{}}', 1, 1)`,
    );
    insertWorkflow.run("hello-world", "acc_system");
    insertWorkflow.run("my-flow", "acc_1");
    insertWorkflow.run("other-flow", "acc_2");
    old.close();

    const store = openSqliteStore(file);
    expect((await store.accounts.findById("acc_system"))?.handle).toBe("knouds");
    expect((await store.accounts.findById("acc_1"))?.handle).toBe("ada-lovelace");
    const second = (await store.accounts.findById("acc_2"))!.handle;
    expect(second).toMatch(/^ada-lovelace-[a-z0-9]+$/);
    expect((await store.accounts.findById("acc_3"))?.handle).toBe("user");
    expect(await store.workflows.findById("knouds/hello-world")).toMatchObject({ slug: "hello-world", accountId: "acc_system" });
    expect(await store.workflows.findById("ada-lovelace/my-flow")).toMatchObject({ slug: "my-flow", accountId: "acc_1" });
    expect(await store.workflows.findById(`${second}/other-flow`)).toMatchObject({ slug: "other-flow", accountId: "acc_2" });
    expect(await store.workflows.findById("my-flow")).toBeNull();
    // Now each account has its own namespace: the second Ada can have a my-flow too.
    const theirs = { ...(await store.workflows.findById(`${second}/other-flow`))!, id: `${second}/my-flow`, slug: "my-flow" };
    await store.workflows.create(theirs);
    expect(await store.workflows.findById(`${second}/my-flow`)).toEqual(theirs);
    await store.close();
  });
});
