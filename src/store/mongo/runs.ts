import type { Collection } from "mongodb";
import { FILTER_SCAN_LIMIT } from "../../domain/pages.js";
import type { RunStore } from "../interface.js";
import { toRun, type RunDoc } from "./documents.js";
import { newestFirstAfter } from "./pages.js";

export function mongoRunStore(col: Collection<RunDoc>): RunStore {
  return {
    async create(run) {
      const { id, durationMs: _duration, inputs, outputs, ...rest } = run;
      await col.insertOne({
        _id: id,
        ...rest,
        inputs: JSON.stringify(inputs),
        outputs: outputs === null ? null : JSON.stringify(outputs),
      });
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toRun(doc) : null;
    },
    async listByAccount(accountId, filter, { after, limit }, scanLimit = FILTER_SCAN_LIMIT) {
      const mine = { accountId, ...newestFirstAfter("startedAt", after) };
      const filtered = filter.workflowId !== undefined || filter.status !== undefined;
      // As in SQLite: a filtered page looks at no more than `scanLimit` runs of the account's
      // { accountId, startedAt, _id } index, bounded below by the run in the last place.
      const last = filtered
        ? await col
            .find(mine, { projection: { startedAt: 1 } })
            .sort({ startedAt: -1, _id: -1 })
            .skip(scanLimit - 1)
            .limit(1)
            .next()
        : null;
      const docs = await col
        .find({
          ...mine,
          ...(filter.workflowId !== undefined && { workflowId: filter.workflowId }),
          ...(filter.status !== undefined && { status: filter.status }),
          ...(last && {
            $and: [{ $or: [{ startedAt: { $gt: last.startedAt } }, { startedAt: last.startedAt, _id: { $gte: last._id } }] }],
          }),
        })
        .hint({ accountId: 1, startedAt: -1, _id: -1 })
        .sort({ startedAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return {
        items: docs.map(toRun),
        searchedTo: last && docs.length < limit ? { at: last.startedAt, id: last._id } : null,
      };
    },
    async deleteStartedBefore(cutoff, limit) {
      const oldest = await col
        .find({ startedAt: { $lt: cutoff } }, { projection: { _id: 1 } })
        .sort({ startedAt: 1 })
        .limit(limit)
        .toArray();
      if (oldest.length === 0) return 0;
      const result = await col.deleteMany({ _id: { $in: oldest.map((doc) => doc._id) }, startedAt: { $lt: cutoff } });
      return result.deletedCount;
    },
  };
}
