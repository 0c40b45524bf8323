import type Database from "better-sqlite3";
import type { Session } from "../../domain/account.js";
import { toAccount } from "./accounts.js";
import type { SessionStore } from "../interface.js";
import type { GroupCommit } from "./group-commit.js";
import type { Row } from "./rows.js";

function toSession(row: Row): Session {
  return {
    digest: row.digest as string,
    accountId: row.account_id as string,
    createdAt: row.created_at as number,
    expiresAt: row.expires_at as number,
  };
}

export function sqliteSessionStore(db: Database.Database, commits: GroupCommit): SessionStore {
  const q = {
    insert: db.prepare(
      "INSERT INTO sessions (digest, account_id, created_at, expires_at) VALUES (@digest, @accountId, @createdAt, @expiresAt)",
    ),
    byDigest: db.prepare("SELECT * FROM sessions WHERE digest = ? AND expires_at > ?"),
    // One statement instead of a session read and an account read: each costs more to bind
    // and turn into an object than the lookup itself.
    accountFor: db.prepare(
      "SELECT accounts.* FROM sessions JOIN accounts ON accounts.id = sessions.account_id WHERE sessions.digest = ? AND sessions.expires_at > ?",
    ),
    delete: db.prepare("DELETE FROM sessions WHERE digest = ?"),
    deleteExpired: db.prepare("DELETE FROM sessions WHERE expires_at <= ?"),
  };
  return {
    create(session) {
      return commits.enqueue(() => q.insert.run(session));
    },
    async findByDigest(digest, now) {
      const row = q.byDigest.get(digest, now) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async accountFor(digest, now) {
      const row = q.accountFor.get(digest, now) as Row | undefined;
      return row ? toAccount(row) : null;
    },
    async delete(digest) {
      q.delete.run(digest);
    },
    async deleteExpired(now) {
      return q.deleteExpired.run(now).changes;
    },
  };
}
