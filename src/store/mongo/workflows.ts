import type { Collection, Filter } from "mongodb";
import { KnoudsError } from "../../domain/errors.js";
import { FILTER_SCAN_LIMIT } from "../../domain/pages.js";
import type { RunStore, WorkflowStore } from "../interface.js";
import { mergeById } from "../merge-pages.js";
import { isDuplicateKey, toRun, toWorkflow, toWorkflowDoc, type RunDoc, type WorkflowDoc } from "./documents.js";
import { newestFirstAfter } from "./pages.js";



export function mongoWorkflowStore(col: Collection<WorkflowDoc>): WorkflowStore {
  return {
    async create(workflow) {
      try {
        await col.insertOne(toWorkflowDoc(workflow));
      } catch (error) {
        if (isDuplicateKey(error)) {
          throw KnoudsError.conflict(`You already have a workflow with id "${workflow.slug}"`);
        }
        throw error;
      }
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toWorkflow(doc) : null;
    },
    async replace(workflow) {
      const { _id, ...rest } = toWorkflowDoc(workflow);
      const result = await col.replaceOne({ _id }, rest);
      return result.matchedCount > 0;
    },
    async delete(id) {
      const result = await col.deleteOne({ _id: id });
      return result.deletedCount > 0;
    },
    async listVisible(accountId, includePublic, { after, limit }) {
      // Two keyset reads along two indexes, merged: as in SQLite, an $or would not come sorted.
      const page = async (filter: Filter<WorkflowDoc>) =>
        (await col.find({ ...filter, _id: { $gt: after ?? "" } }).sort({ _id: 1 }).limit(limit).toArray()).map(toWorkflow);
      const own = await page({ accountId });
      if (!includePublic) return own;
      return mergeById(own, await page({ visibility: "public", status: "deployed" }), limit);
    },
  };
}


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
