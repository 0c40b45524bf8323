/**
 * Schema migrations, applied in order and recorded in `PRAGMA user_version`.
 * Never edit a released entry: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
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
];
