import type { Collection } from "mongodb";
import type { AccountStore, SessionStore } from "../interface.js";
import type { SessionDoc } from "./documents.js";

export function mongoSessionStore(col: Collection<SessionDoc>, accounts: AccountStore): SessionStore {
  return {
    async create(session) {
      const { digest, ...rest } = session;
      await col.insertOne({ _id: digest, ...rest });
    },
    async findByDigest(digest, now) {
      const doc = await col.findOne({ _id: digest, expiresAt: { $gt: now } });
      if (!doc) return null;
      const { _id, ...rest } = doc;
      return { digest: _id, ...rest };
    },
    async accountFor(digest, now) {
      const doc = await col.findOne({ _id: digest, expiresAt: { $gt: now } }, { projection: { accountId: 1 } });
      return doc ? accounts.findById(doc.accountId) : null;
    },
    async delete(digest) {
      await col.deleteOne({ _id: digest });
    },
    async deleteExpired(now) {
      const result = await col.deleteMany({ expiresAt: { $lte: now } });
      return result.deletedCount;
    },
  };
}
