/** Usage buckets and audit events in MongoDB. */
import { MongoBulkWriteError, type Collection, type Filter } from "mongodb";
import type { AuditStore, UsageStore } from "../interface.js";
import type { AuditDoc, UsageDoc } from "./documents.js";


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
      const docs = await col.find({ keyId, period, start: { $gte: since } }).sort({ start: 1 }).toArray();
      return docs.map(({ start, ok, scopeDenied, rateLimited, otherErrors }) => ({ start, ok, scopeDenied, rateLimited, otherErrors }));
    },
    async deleteBefore(period, before) {
      return (await col.deleteMany({ period, start: { $lt: before } })).deletedCount;
    },
  };
}

export function mongoAuditStore(col: Collection<AuditDoc>): AuditStore {
  return {
    async append(events) {
      if (events.length === 0) return;
      try {
        await col.insertMany(
          events.map(({ id, ...rest }) => ({ _id: id, ...rest })),
          { ordered: false },
        );
      } catch (error) {
        // An id already stored is the same event sent again (a batch retried after a partial
        // write): it is kept once, and the rest of the batch is in. Anything else is a failure.
        const errors = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : [];
        if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw error;
      }
    },
    async list({ accountId, olderThan, newerThan, limit, oldestFirst }) {
      const filter: Filter<AuditDoc> = { accountId };
      const range: { $lt?: string; $gt?: string } = {};
      if (olderThan !== undefined) range.$lt = olderThan;
      if (newerThan !== undefined) range.$gt = newerThan;
      if (olderThan !== undefined || newerThan !== undefined) filter._id = range;
      const docs = await col
        .find(filter)
        .sort({ _id: oldestFirst ? 1 : -1 })
        .limit(limit)
        .toArray();
      return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    },
    async deleteBefore(before, limit) {
      const ids = await col.find({ at: { $lt: before } }, { projection: { _id: 1 } }).limit(limit).toArray();
      if (ids.length === 0) return 0;
      return (await col.deleteMany({ _id: { $in: ids.map((doc) => doc._id) } })).deletedCount;
    },
  };
}
