import type Database from "better-sqlite3";
import { unsynced } from "./unsynced.js";
import type { ApiKeyRecord } from "../../domain/account.js";
import { startOfNewestFirst } from "../../domain/pages.js";
import type { Scope } from "../../domain/scopes.js";
import type { ApiKeyStore } from "../interface.js";
import type { AuditEventWriter } from "./audit.js";
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
    expiresAt: (row.expires_at as number | null) ?? null,
    previousDigest: (row.previous_digest as string | null) ?? null,
    previousStart: (row.previous_start as string | null) ?? null,
    graceEndsAt: (row.grace_ends_at as number | null) ?? null,
    lastUsedAt: (row.last_used_at as number | null) ?? null,
    lastUsedAddress: (row.last_used_address as string | null) ?? null,
    lastUsedUserAgent: (row.last_used_user_agent as string | null) ?? null,
    rolledAt: (row.rolled_at as number | null) ?? null,
  };
}

/** A key's columns in insert order, bound positionally (cheaper than by name, see runs.ts). */
function toRow(key: ApiKeyRecord): unknown[] {
  return [
    key.id,
    key.accountId,
    key.name,
    key.scope,
    key.scopeAssignedByPlatformAdmin ? 1 : 0,
    key.digest,
    key.start,
    key.createdAt,
    key.expiresAt,
    key.previousDigest,
    key.previousStart,
    key.graceEndsAt,
    key.lastUsedAt,
    key.lastUsedAddress,
    key.lastUsedUserAgent,
    key.rolledAt,
  ];
}

export function sqliteApiKeyStore(db: Database.Database, commits: GroupCommit, writeEvents: AuditEventWriter): ApiKeyStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO api_keys (id, account_id, name, scope, scope_assigned_by_platform_admin, digest, start, created_at,
         expires_at, previous_digest, previous_start, grace_ends_at, last_used_at, last_used_address, last_used_user_agent,
         rolled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byDigest: db.prepare("SELECT * FROM api_keys WHERE digest = ?"),
    byPreviousDigest: db.prepare("SELECT * FROM api_keys WHERE previous_digest = ?"),
    byId: db.prepare("SELECT * FROM api_keys WHERE id = ?"),
    // Keyset: served backwards by the api_keys_account_newest index.
    byAccount: db.prepare(
      `SELECT * FROM api_keys WHERE account_id = @accountId AND (created_at, id) < (@at, @id)
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ),
    countByAccount: db.prepare("SELECT COUNT(*) FROM api_keys WHERE account_id = ?").pluck(),
    delete: db.prepare("DELETE FROM api_keys WHERE id = ? RETURNING *"),
    setScope: db.prepare("UPDATE api_keys SET scope = ?, scope_assigned_by_platform_admin = ? WHERE id = ? RETURNING *"),
    rename: db.prepare("UPDATE api_keys SET name = ? WHERE id = ? RETURNING *"),
    roll: db.prepare(
      `UPDATE api_keys SET digest = @digest, start = @start, previous_digest = @previousDigest,
         previous_start = @previousStart, grace_ends_at = @graceEndsAt, rolled_at = @rolledAt
       WHERE id = @id AND digest = @currentDigest RETURNING *`,
    ),
    touch: db.prepare(
      `UPDATE api_keys SET last_used_at = ?, last_used_address = ?, last_used_user_agent = ?
       WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
    ),
  };
  const touchMany = unsynced(
    db,
    db.transaction((uses: Parameters<ApiKeyStore["recordLastUsed"]>[0]) => {
      for (const [id, use] of uses) q.touch.run(use.at, use.address, use.userAgent, id, use.at);
    }),
  );

  return {
    create(key) {
      const row = toRow(key);
      return commits.enqueue(() => {
        q.insert.run(...row);
      });
    },
    async createWithin(key, maxPerAccount, events = []) {
      const row = toRow(key);
      let created = false;
      // Count and insert in one group transaction, which holds the write lock from its start
      // (group-commit.ts): no process can add a key in between. (One INSERT … SELECT … WHERE
      // count < cap did the same, but SQLite copies such a SELECT into a temporary table
      // first, because it reads the table it inserts into: measured 25k instructions more.)
      await commits.enqueue(() => {
        // Set on every attempt: a batch that failed is written again item by item.
        created = false;
        if ((q.countByAccount.get(key.accountId) as number) >= maxPerAccount) return;
        q.insert.run(...row);
        if (events.length > 0) writeEvents(events);
        created = true;
      });
      return created;
    },
    async findByDigest(digest) {
      // Two indexed lookups: the current value is by far the common case.
      const row = (q.byDigest.get(digest) ?? q.byPreviousDigest.get(digest)) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async findById(id) {
      const row = q.byId.get(id) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async listByAccount(accountId, { after, limit }) {
      return (q.byAccount.all({ accountId, ...(after ?? startOfNewestFirst), limit }) as Row[]).map(toApiKey);
    },
    async countByAccount(accountId) {
      return q.countByAccount.get(accountId) as number;
    },
    async delete(id) {
      const row = q.delete.get(id) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async setScope(id, scope, assignedByPlatformAdmin) {
      const row = q.setScope.get(scope, assignedByPlatformAdmin ? 1 : 0, id) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async rename(id, name) {
      const row = q.rename.get(name, id) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async roll(id, currentDigest, next) {
      const row = q.roll.get({ id, currentDigest, ...next }) as Row | undefined;
      return row ? toApiKey(row) : null;
    },
    async recordLastUsed(uses) {
      if (uses.size > 0) touchMany(uses);
    },
  };
}
