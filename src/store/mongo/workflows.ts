import type { Collection, Filter } from "mongodb";
import { KnoudsError } from "../../domain/errors.js";
import type { Workflow } from "../../domain/workflow.js";
import { SerialQueues } from "../../lib/serial-queues.js";
import type { WorkflowStore } from "../interface.js";
import { mergeById } from "../merge-pages.js";
import { isDuplicateKey, toWorkflow, toWorkflowDoc, type WorkflowDoc } from "./documents.js";

export function mongoWorkflowStore(col: Collection<WorkflowDoc>): WorkflowStore {
  // As for keys (api-keys.ts): no insert-if-count-below without a transaction, so creates for
  // one account take turns here; the cap is exact per process.
  const creates = new SerialQueues();
  const insert = async (workflow: Workflow) => {
    try {
      await col.insertOne(toWorkflowDoc(workflow));
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw KnoudsError.conflict(`You already have a workflow with id "${workflow.slug}"`);
      }
      throw error;
    }
  };
  return {
    create: insert,
    createWithin(workflow, maxPerAccount) {
      return creates.run(workflow.accountId, async () => {
        if ((await col.countDocuments({ accountId: workflow.accountId })) >= maxPerAccount) return false;
        await insert(workflow);
        return true;
      });
    },
    countByAccount(accountId) {
      return col.countDocuments({ accountId });
    },
    async recordLastRuns(runs) {
      if (runs.size === 0) return;
      await col.bulkWrite(
        [...runs].map(([id, at]) => ({
          updateOne: {
            filter: { _id: id, $or: [{ lastRunAt: null }, { lastRunAt: { $lt: at } }] },
            update: { $set: { lastRunAt: at } },
          },
        })),
        { ordered: false },
      );
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toWorkflow(doc) : null;
    },
    async replace(workflow) {
      // $set, not a replacement: lastRunAt is written behind the runs and stays.
      const { _id, lastRunAt: _lastRun, ...rest } = toWorkflowDoc(workflow);
      const result = await col.updateOne({ _id }, { $set: rest });
      return result.matchedCount > 0;
    },
    async delete(id) {
      const result = await col.deleteOne({ _id: id });
      return result.deletedCount > 0;
    },
    async listVisible(accountId, includePublic, { after, limit }) {
      // Two keyset reads along two indexes, merged: as in SQLite, an $or would not come sorted.
      const page = async (filter: Filter<WorkflowDoc>) =>
        (
          await col
            .find({ ...filter, _id: { $gt: after ?? "" } })
            .sort({ _id: 1 })
            .limit(limit)
            .toArray()
        ).map(toWorkflow);
      const own = await page({ accountId });
      if (!includePublic) return own;
      return mergeById(own, await page({ visibility: "public", status: "deployed" }), limit);
    },
  };
}
