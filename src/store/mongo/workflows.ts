import type { Collection, Filter } from "mongodb";
import { KnoudsError } from "../../domain/errors.js";
import type { WorkflowStore } from "../interface.js";
import { mergeById } from "../merge-pages.js";
import { isDuplicateKey, toWorkflow, toWorkflowDoc, type WorkflowDoc } from "./documents.js";

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
