import { MongoBulkWriteError, type Collection, type Filter } from "mongodb";
import type { AuditStore } from "../interface.js";
import type { AuditDoc } from "./documents.js";

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
      const ids = await col
        .find({ at: { $lt: before } }, { projection: { _id: 1 } })
        .limit(limit)
        .toArray();
      if (ids.length === 0) return 0;
      return (await col.deleteMany({ _id: { $in: ids.map((doc) => doc._id) } })).deletedCount;
    },
  };
}
