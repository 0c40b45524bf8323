import type { Collection } from "mongodb";
import type { UsageStore } from "../interface.js";
import type { UsageDoc } from "./documents.js";

export function mongoUsageStore(col: Collection<UsageDoc>): UsageStore {
  return {
    async add(deltas) {
      if (deltas.length === 0) return;
      await col.bulkWrite(
        deltas.map(({ keyId, period, start, ok, scopeDenied, rateLimited, otherErrors }) => ({
          updateOne: {
            // One document per key, period and bucket: the _id makes concurrent upserts meet.
            filter: { _id: `${keyId}|${period}|${start}` },
            update: { $setOnInsert: { keyId, period, start }, $inc: { ok, scopeDenied, rateLimited, otherErrors } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },
    async buckets(keyId, period, since) {
      const docs = await col
        .find({ keyId, period, start: { $gte: since } })
        .sort({ start: 1 })
        .toArray();
      return docs.map(({ start, ok, scopeDenied, rateLimited, otherErrors }) => ({ start, ok, scopeDenied, rateLimited, otherErrors }));
    },
    async deleteBefore(period, before) {
      return (await col.deleteMany({ period, start: { $lt: before } })).deletedCount;
    },
  };
}
