import type Database from "better-sqlite3";
import type { AccountRecord } from "../../domain/account.js";
import { KnoudsError } from "../../domain/errors.js";
import type { Tier } from "../../domain/scopes.js";
import type { AccountStore } from "../interface.js";
import { isUniqueViolation, type Row } from "./rows.js";

export function toAccount(row: Row): AccountRecord {
  return {
    id: row.id as string,
    handle: row.handle as string,
    email: row.email as string,
    name: row.name as string,
    tier: row.tier as Tier,
    isPlatformAdmin: row.is_platform_admin === 1,
    passwordHash: (row.password_hash as string | null) ?? null,
    createdAt: row.created_at as number,
  };
}

export function sqliteAccountStore(db: Database.Database): AccountStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO accounts (id, handle, email, name, tier, is_platform_admin, password_hash, created_at)
       VALUES (@id, @handle, @email, @name, @tier, @isPlatformAdmin, @passwordHash, @createdAt)`,
    ),
    byId: db.prepare("SELECT * FROM accounts WHERE id = ?"),
    byEmail: db.prepare("SELECT * FROM accounts WHERE email = ?"),
    byHandle: db.prepare("SELECT * FROM accounts WHERE handle = ?"),
    update: db.prepare(
      `UPDATE accounts SET tier = coalesce(@tier, tier),
         is_platform_admin = coalesce(@isPlatformAdmin, is_platform_admin)
       WHERE id = @id RETURNING *`,
    ),
  };
  return {
    async create(account) {
      try {
        q.insert.run({ ...account, isPlatformAdmin: account.isPlatformAdmin ? 1 : 0 });
      } catch (error) {
        if (isUniqueViolation(error)) {
          const what = (error as Error).message.includes("accounts.handle") ? "handle" : "email";
          throw KnoudsError.conflict(`An account with this ${what} already exists`);
        }
        throw error;
      }
    },
    async findById(id) {
      const row = q.byId.get(id) as Row | undefined;
      return row ? toAccount(row) : null;
    },
    async findByEmail(email) {
      const row = q.byEmail.get(email) as Row | undefined;
      return row ? toAccount(row) : null;
    },
    async findByHandle(handle) {
      const row = q.byHandle.get(handle) as Row | undefined;
      return row ? toAccount(row) : null;
    },
    async update(id, changes) {
      const row = q.update.get({
        id,
        tier: changes.tier ?? null,
        isPlatformAdmin: changes.isPlatformAdmin === undefined ? null : changes.isPlatformAdmin ? 1 : 0,
      }) as Row | undefined;
      return row ? toAccount(row) : null;
    },
  };
}
