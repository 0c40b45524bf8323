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
  `
  CREATE TABLE key_usage (
    key_id TEXT NOT NULL,
    period TEXT NOT NULL,
    start INTEGER NOT NULL,
    ok INTEGER NOT NULL DEFAULT 0,
    scope_denied INTEGER NOT NULL DEFAULT 0,
    rate_limited INTEGER NOT NULL DEFAULT 0,
    other_errors INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, period, start)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX key_usage_age ON key_usage(period, start);

  CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    key_id TEXT,
    key_name TEXT,
    details TEXT NOT NULL,
    address TEXT,
    user_agent TEXT
  ) STRICT;
  CREATE INDEX audit_events_account ON audit_events(account_id, id);
  CREATE INDEX audit_events_age ON audit_events(at);
  `,
  // Key lifecycle (docs/keys.md#key-lifecycle): expiry, roll with grace, last-use details. Existing keys never
  // expire, have no previous value, and keep their last-use time without address or agent.
  `
  ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
  ALTER TABLE api_keys ADD COLUMN previous_digest TEXT;
  ALTER TABLE api_keys ADD COLUMN previous_start TEXT;
  ALTER TABLE api_keys ADD COLUMN grace_ends_at INTEGER;
  ALTER TABLE api_keys ADD COLUMN last_used_address TEXT;
  ALTER TABLE api_keys ADD COLUMN last_used_user_agent TEXT;
  CREATE INDEX api_keys_previous_digest ON api_keys(previous_digest) WHERE previous_digest IS NOT NULL;
  `,
  // Keyset pages of keys and runs, newest first: the id breaks ties in the index itself, so a
  // page is a range read, never a sort of the account's whole list.
  `
  DROP INDEX IF EXISTS api_keys_account;
  CREATE INDEX IF NOT EXISTS api_keys_account_newest ON api_keys(account_id, created_at, id);
  DROP INDEX IF EXISTS runs_account;
  CREATE INDEX IF NOT EXISTS runs_account_newest ON runs(account_id, started_at, id);
  CREATE INDEX IF NOT EXISTS runs_account_workflow_newest ON runs(account_id, workflow_id, started_at, id);
  CREATE INDEX IF NOT EXISTS runs_account_status_newest ON runs(account_id, status, started_at, id);
  `,
  // Keyset pages of workflows by id: own ones, and public deployed ones.
  `
  DROP INDEX IF EXISTS workflows_account;
  CREATE INDEX IF NOT EXISTS workflows_account_by_id ON workflows(account_id, id);
  DROP INDEX IF EXISTS workflows_public;
  CREATE INDEX IF NOT EXISTS workflows_public_by_id ON workflows(visibility, status, id);
  `,
  // Filtered run listings read runs_account_newest with a bounded scan (FILTER_SCAN_LIMIT)
  // instead of an index per filter: each of these cost about 15 µs of CPU per inserted run
  // (measured) on the run path, and served only the listing.
  `
  DROP INDEX IF EXISTS runs_account_workflow_newest;
  DROP INDEX IF EXISTS runs_account_status_newest;
  `,
  // When a key was last rolled: a second roll soon after is refused as a race (key-lifecycle.ts).
  "ALTER TABLE api_keys ADD COLUMN rolled_at INTEGER;",
  // Changes not broadcast over Redis (it was away): instances that stayed subscribed poll this
  // count and drop their caches when it moves.
  `
  CREATE TABLE missed_broadcasts (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL) STRICT;
  INSERT INTO missed_broadcasts (id, count) VALUES (1, 0);
  `,
  // The fingerprint of the server secret the key digests were made under (src/auth/secret.ts):
  // at most one row; none until a server first starts on the store.
  `
  CREATE TABLE secret_fingerprint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
  ) STRICT;
  `,
  // Workflows in the browser: a run made by the account's browser session has no key (key_id
  // becomes nullable, which SQLite can only do by rebuilding the table), every run keeps the
  // name its key had (null for runs recorded before, as in MongoDB), and workflows note when
  // they last ran (written behind the runs).
  `
  ALTER TABLE workflows ADD COLUMN last_run_at INTEGER;
  CREATE TABLE runs_next (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    key_id TEXT,
    workflow_id TEXT,
    model_id TEXT,
    status TEXT NOT NULL,
    inputs TEXT NOT NULL,
    outputs TEXT,
    error TEXT,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    key_name TEXT
  ) STRICT;
  INSERT INTO runs_next (id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at, key_name)
    SELECT id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at, NULL
    FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_next RENAME TO runs;
  CREATE INDEX runs_account_newest ON runs(account_id, started_at, id);
  CREATE INDEX runs_started ON runs(started_at);
  `,
];
