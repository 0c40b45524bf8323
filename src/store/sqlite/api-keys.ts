import type Database from "better-sqlite3";
import type { ApiKeyRecord } from "../../domain/account.js";
import { startOfNewestFirst } from "../../domain/pages.js";
import type { Scope } from "../../domain/scopes.js";
import type { ApiKeyStore } from "../interface.js";
import type { GroupCommit } from "./group-commit.js";
import type { Row } from "./rows.js";

function toApiKey(row: Row): ApiKeyRecord {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    name: row.name as string,
    scope: row.scope as Scope,
    scopeAssignedByPlatformAdmin: row.scope_assigned_by_platform_admin === 1,
    digest: row.digest as string,
    start: row.start as string,
    createdAt: row.created_at as number,
    lastUsedAt: (row.last_used_at as number | null) ?? null,
  };
}

export function sqliteApiKeyStore(db: Database.Database, commits: GroupCommit): ApiKeyStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO api_keys (id, account_id, name, scope, scope_assigned_by_platform_admin, digest, start, created_at, last_used_at)
       VALUES (@id, @accountId, @name, @scope, @scopeAssignedByPlatformAdmin, @digest, @start, @createdAt, @lastUsedAt)`,
    ),
    byDigest: db.prepare("SELECT * FROM api_keys WHERE digest = ?"),
    byId: db.prepare("SELECT * FROM api_keys WHERE id = ?"),
    // Keyset: served backwards by the api_keys_account_newest index.
    byAccount: db.prepare(
      `SELECT * FROM api_keys WHERE account_id = @accountId AND (created_at, id) < (@at, @id)
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ),
    delete: db.prepare("DELETE FROM api_keys WHERE id = ? RETURNING *"),
    setScope: db.prepare(
      "UPDATE api_keys SET scope = ?, scope_assigned_by_platform_admin = ? WHERE id = ? RETURNING *",
    ),
    touch: db.prepare(
      "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
    ),
  };
  const touchMany = db.transaction((uses: ReadonlyMap<string, number>) => {
    for (const [id, at] of uses) q.touch.run(at, id, at);
  });
  return {
    create(key) {
      const row = { ...key, scopeAssignedByPlatformAdmin: key.scopeAssignedByPlatformAdmin ? 1 : 0 };
      return commits.enqueue(() => q.insert.run(row));
    },
    async findByDigest(digest) {
      const row = q.byDigest.get(digest) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async findById(id) {
      const row = q.byId.get(id) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async listByAccount(accountId, { after, limit }) {
      return (q.byAccount.all({ accountId, ...(after ?? startOfNewestFirst), limit }) as Row[]).map(toApiKey);
    },
    async delete(id) {
      const row = q.delete.get(id) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async setScope(id, scope, assignedByPlatformAdmin) {
      const row = q.setScope.get(scope, assignedByPlatformAdmin ? 1 : 0, id) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async recordLastUsed(uses) {
      if (uses.size > 0) touchMany(uses);
    },
  };
}
