import type { Collection } from "mongodb";
import { KnoudsError } from "../../domain/errors.js";
import type { Run } from "../../domain/run.js";
import type { Workflow, WorkflowDefinition } from "../../domain/workflow.js";
import type { RunStore, WorkflowStore } from "../interface.js";
import { isDuplicateKey } from "./migrate.js";

/**
 * The definition (input schema, steps, outputs) is kept as a JSON string, as in SQLite:
 * JSON Schemas use `$ref`/`$schema` keys, which MongoDB field names handle poorly.
 */
export type WorkflowDoc = Omit<Workflow, "id" | keyof WorkflowDefinition> & { _id: string; definition: string };
/** Inputs and outputs are caller-supplied JSON (any key, `$where` included): kept as strings. */
export type RunDoc = Omit<Run, "id" | "durationMs" | "inputs" | "outputs"> & {
  _id: string;
  inputs: string;
  outputs: string | null;
};

function toWorkflow({ _id, definition, ...rest }: WorkflowDoc): Workflow {
  return { id: _id, ...rest, ...(JSON.parse(definition) as WorkflowDefinition) };
}

function toDoc({ id, inputSchema, steps, outputs, ...rest }: Workflow): WorkflowDoc {
  return { _id: id, ...rest, definition: JSON.stringify({ inputSchema, steps, outputs }) };
}

export function mongoWorkflowStore(col: Collection<WorkflowDoc>): WorkflowStore {
  return {
    async create(workflow) {
      try {
        await col.insertOne(toDoc(workflow));
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
      const { _id, ...rest } = toDoc(workflow);
      const result = await col.replaceOne({ _id }, rest);
      return result.matchedCount > 0;
    },
    async delete(id) {
      const result = await col.deleteOne({ _id: id });
      return result.deletedCount > 0;
    },
    async listVisible(accountId, includePublic, limit) {
      const filter = includePublic
        ? { $or: [{ accountId }, { visibility: "public" as const, status: "deployed" as const }] }
        : { accountId };
      const docs = await col.find(filter).sort({ _id: 1 }).limit(limit).toArray();
      return docs.map(toWorkflow);
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
      if (!doc) return null;
      const { _id, inputs, outputs, ...rest } = doc;
      return {
        id: _id,
        ...rest,
        inputs: JSON.parse(inputs) as Record<string, unknown>,
        outputs: outputs === null ? null : (JSON.parse(outputs) as Record<string, unknown>),
        durationMs: rest.finishedAt - rest.startedAt,
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
