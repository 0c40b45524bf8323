import type { Collection } from "mongodb";
import type { ApiKeyRecord } from "../../domain/account.js";
import { SerialQueues } from "../../lib/serial-queues.js";
import type { ApiKeyStore, AuditStore } from "../interface.js";
import { toApiKey, type ApiKeyDoc } from "./documents.js";
import { newestFirstAfter } from "./pages.js";

export function mongoApiKeyStore(col: Collection<ApiKeyDoc>, audit: AuditStore): ApiKeyStore {
  // MongoDB has no insert-if-count-below without a transaction: creates for one account take
  // turns here, so the cap is exact per process (instances racing can pass it by their number).
  const creates = new SerialQueues();
  const insert = async (key: ApiKeyRecord) => {
    const { id, ...rest } = key;
    await col.insertOne({ _id: id, ...rest });
  };
  return {
    create: insert,
    createWithin(key, maxPerAccount, events = []) {
      return creates.run(key.accountId, async () => {
        if ((await col.countDocuments({ accountId: key.accountId })) >= maxPerAccount) return false;
        await insert(key);
        try {
          await audit.append(events);
        } catch (error) {
          // No multi-document transaction (a standalone server has none): a key whose
          // creation is not on record is taken back (its value was never shown) and the
          // caller gets the error. Should that delete fail too, the key stays, unusable
          // (nobody has its value), listed for its owner to delete.
          await col.deleteOne({ _id: key.id }).catch(() => undefined);
          throw error;
        }
        return true;
      });
    },
    async findByDigest(digest) {
      const doc = (await col.findOne({ digest })) ?? (await col.findOne({ previousDigest: digest }));
      return doc ? toApiKey(doc) : null;
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toApiKey(doc) : null;
    },
    async listByAccount(accountId, { after, limit }) {
      const docs = await col
        .find({ accountId, ...newestFirstAfter("createdAt", after) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map(toApiKey);
    },
    countByAccount(accountId) {
      return col.countDocuments({ accountId });
    },
    async delete(id) {
      const doc = await col.findOneAndDelete({ _id: id });
      return doc ? toApiKey(doc) : null;
    },
    async setScope(id, scope, assignedByPlatformAdmin) {
      const doc = await col.findOneAndUpdate(
        { _id: id },
        { $set: { scope, scopeAssignedByPlatformAdmin: assignedByPlatformAdmin } },
        { returnDocument: "after" },
      );
      return doc ? toApiKey(doc) : null;
    },
    async rename(id, name) {
      const doc = await col.findOneAndUpdate({ _id: id }, { $set: { name } }, { returnDocument: "after" });
      return doc ? toApiKey(doc) : null;
    },
    async roll(id, currentDigest, next) {
      const doc = await col.findOneAndUpdate({ _id: id, digest: currentDigest }, { $set: next }, { returnDocument: "after" });
      return doc ? toApiKey(doc) : null;
    },
    async recordLastUsed(uses) {
      if (uses.size === 0) return;
      await col.bulkWrite(
        [...uses].map(([id, use]) => ({
          updateOne: {
            filter: { _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: use.at } }] },
            update: { $set: { lastUsedAt: use.at, lastUsedAddress: use.address, lastUsedUserAgent: use.userAgent } },
          },
        })),
        { ordered: false },
      );
    },
  };
}
