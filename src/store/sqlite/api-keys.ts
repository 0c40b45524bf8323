import type Database from "better-sqlite3";
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

/** Past this many accounts the kept key counts start over (memory stays bounded). */
const MAX_COUNTED_ACCOUNTS = 10_000;

export function sqliteApiKeyStore(db: Database.Database, commits: GroupCommit, writeEvents: AuditEventWriter): ApiKeyStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO api_keys (id, account_id, name, scope, scope_assigned_by_platform_admin, digest, start, created_at,
         expires_at, previous_digest, previous_start, grace_ends_at, last_used_at, last_used_address, last_used_user_agent,
         rolled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A key as created: nothing rolled or used yet, so those columns keep their NULL default
    // (each bound value costs about 300 instructions).
    insertNew: db.prepare(
      `INSERT INTO api_keys (id, account_id, name, scope, scope_assigned_by_platform_admin, digest, start, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    setScope: db.prepare(
      "UPDATE api_keys SET scope = ?, scope_assigned_by_platform_admin = ? WHERE id = ? RETURNING *",
    ),
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
  const touchMany = db.transaction((uses: Parameters<ApiKeyStore["recordLastUsed"]>[0]) => {
    for (const [id, use] of uses) q.touch.run(use.at, use.address, use.userAgent, id, use.at);
  });

  // Keys per account, for the cap: counting an account's keys steps through its index entries
  // (measured 17k instructions at 30 keys, 50k at the cap of 100), so a count is kept for each
  // account this connection has looked at, plus its own writes. It is only read inside a group
  // transaction, which holds the write lock, and is dropped whenever another connection (another
  // process) committed — SQLite's data_version tells, for this connection — or a group
  // transaction rolled back. Deletes through this store drop their account's count.
  const dataVersion = db.prepare("PRAGMA data_version").pluck();
  const counts = new Map<string, number>();
  let countsVersion = -1;
  commits.onRollback(() => counts.clear());
  function keysHeld(accountId: string): number {
    const version = dataVersion.get() as number;
    if (version !== countsVersion || counts.size >= MAX_COUNTED_ACCOUNTS) {
      counts.clear();
      countsVersion = version;
    }
    let held = counts.get(accountId);
    if (held === undefined) {
      held = q.countByAccount.get(accountId) as number;
      counts.set(accountId, held);
    }
    return held;
  }

  return {
    create(key) {
      const row = toRow(key);
      return commits.enqueue(() => {
        q.insert.run(...row);
        counts.delete(key.accountId);
      });
    },
    async createWithin(key, maxPerAccount, events = []) {
      const all = toRow(key);
      // A key as created has nothing rolled or used yet: insertNew leaves those columns null.
      const fresh = all.slice(9).every((value) => value === null);
      const insert = fresh ? q.insertNew : q.insert;
      const row = fresh ? all.slice(0, 9) : all;
      let created = false;
      // Count and insert in one group transaction, which holds the write lock from its start
      // (group-commit.ts): no process can add a key in between. (One INSERT … SELECT … WHERE
      // count < cap did the same, but SQLite copies such a SELECT into a temporary table
      // first, because it reads the table it inserts into: measured 25k instructions more.)
      await commits.enqueue(() => {
        // Set on every attempt: a batch that failed is written again item by item.
        created = false;
        const held = keysHeld(key.accountId);
        if (held >= maxPerAccount) return;
        insert.run(...row);
        if (events.length > 0) writeEvents(events);
        counts.set(key.accountId, held + 1);
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
      if (!row) return null;
      counts.delete(row.account_id as string);
      return toApiKey(row);
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
