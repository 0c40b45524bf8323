import type Database from "better-sqlite3";
import { SYSTEM_ACCOUNT_ID, SYSTEM_HANDLE, derivedHandle } from "../../domain/handle.js";
import type { Row } from "./rows.js";

/**
 * Schema migrations, applied in order and recorded in `PRAGMA user_version`: SQL, or a function
 * for what SQL alone cannot say. Never edit a released entry: append a new one.
 */
export type Migration = string | ((db: Database.Database) => void);

/**
 * Per-account workflow namespaces: every account gets a handle (the system account `knouds`,
 * the others derived from their email, de-duplicated), and each workflow's id becomes its full
 * address `handle/slug`, unique per (owner, slug). Runs keep the workflow id they were recorded with.
 */
function workflowNamespaces(db: Database.Database): void {
  db.exec("ALTER TABLE accounts ADD COLUMN handle TEXT");
  const taken = new Set<string>();
  const setHandle = db.prepare("UPDATE accounts SET handle = ? WHERE id = ?");
  for (const { id, email } of db.prepare("SELECT id, email FROM accounts ORDER BY created_at, id").all() as Row[]) {
    let handle = id === SYSTEM_ACCOUNT_ID ? SYSTEM_HANDLE : derivedHandle(email as string);
    for (let attempt = 1; taken.has(handle); attempt++) handle = derivedHandle(email as string, attempt);
    taken.add(handle);
    setHandle.run(handle, id);
  }
  db.exec(`
    CREATE UNIQUE INDEX accounts_handle ON accounts(handle);

    CREATE TABLE workflows_by_address (
      id TEXT PRIMARY KEY,
      slug TEXT NOT NULL,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      description TEXT NOT NULL,
      status TEXT NOT NULL,
      visibility TEXT NOT NULL,
      definition TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (account_id, slug)
    ) STRICT;
    INSERT INTO workflows_by_address
      SELECT a.handle || '/' || w.id, w.id, w.account_id, w.name, w.description, w.status, w.visibility,
             w.definition, w.created_at, w.updated_at
      FROM workflows w JOIN accounts a ON a.id = w.account_id;
    DROP TABLE workflows;
    ALTER TABLE workflows_by_address RENAME TO workflows;
    CREATE INDEX workflows_public ON workflows(visibility, status);
  `);
}

export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    tier TEXT NOT NULL,
    is_platform_admin INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    scope_assigned_by_platform_admin INTEGER NOT NULL DEFAULT 0,
    digest TEXT NOT NULL UNIQUE,
    start TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  ) STRICT;
  CREATE INDEX api_keys_account ON api_keys(account_id, created_at);

  CREATE TABLE sessions (
    digest TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  `,
  `
  CREATE TABLE workflows (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    visibility TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX workflows_account ON workflows(account_id);
  CREATE INDEX workflows_public ON workflows(visibility, status);

  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    key_id TEXT NOT NULL,
    workflow_id TEXT,
    model_id TEXT,
    status TEXT NOT NULL,
    inputs TEXT NOT NULL,
    outputs TEXT,
    error TEXT,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX runs_account ON runs(account_id, started_at);
  `,
  workflowNamespaces,
  // Run retention deletes the oldest runs in small batches; this index finds them without a scan.
  `
  CREATE INDEX runs_started ON runs(started_at);
  `,
];
