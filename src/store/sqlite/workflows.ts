import type Database from "better-sqlite3";
import { KnoudsError } from "../../domain/errors.js";
import type { Visibility, Workflow, WorkflowDefinition, WorkflowStatus } from "../../domain/workflow.js";
import type { WorkflowStore } from "../interface.js";
import { mergeById } from "../merge-pages.js";
import { isUniqueViolation, type Row } from "./rows.js";

function toWorkflow(row: Row): Workflow {
  const definition = JSON.parse(row.definition as string) as WorkflowDefinition;
  return {
    id: row.id as string,
    slug: row.slug as string,
    accountId: row.account_id as string,
    name: row.name as string,
    description: row.description as string,
    status: row.status as WorkflowStatus,
    visibility: row.visibility as Visibility,
    inputSchema: definition.inputSchema,
    steps: definition.steps,
    outputs: definition.outputs,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    lastRunAt: (row.last_run_at as number | null) ?? null,
  };
}

function toRow(w: Workflow) {
  return {
    id: w.id,
    slug: w.slug,
    accountId: w.accountId,
    name: w.name,
    description: w.description,
    status: w.status,
    visibility: w.visibility,
    definition: JSON.stringify({ inputSchema: w.inputSchema, steps: w.steps, outputs: w.outputs }),
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

export function sqliteWorkflowStore(db: Database.Database): WorkflowStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO workflows (id, slug, account_id, name, description, status, visibility, definition, created_at, updated_at)
       VALUES (@id, @slug, @accountId, @name, @description, @status, @visibility, @definition, @createdAt, @updatedAt)`,
    ),
    byId: db.prepare("SELECT * FROM workflows WHERE id = ?"),
    replace: db.prepare(
      `UPDATE workflows SET slug = @slug, account_id = @accountId, name = @name, description = @description, status = @status,
         visibility = @visibility, definition = @definition, created_at = @createdAt, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    delete: db.prepare("DELETE FROM workflows WHERE id = ?"),
    countByAccount: db.prepare("SELECT COUNT(*) FROM workflows WHERE account_id = ?").pluck(),
    lastRun: db.prepare("UPDATE workflows SET last_run_at = ? WHERE id = ? AND (last_run_at IS NULL OR last_run_at < ?)"),
    // Two keyset reads, each along its own index, merged by the caller: one query with OR
    // would sort every public workflow to find a page.
    own: db.prepare("SELECT * FROM workflows WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?"),
    publicDeployed: db.prepare(
      "SELECT * FROM workflows WHERE visibility = 'public' AND status = 'deployed' AND id > ? ORDER BY id LIMIT ?",
    ),
  };
  const insert = (workflow: Workflow) => {
    try {
      q.insert.run(toRow(workflow));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw KnoudsError.conflict(`You already have a workflow with id "${workflow.slug}"`);
      }
      throw error;
    }
  };
  // IMMEDIATE: the transaction holds the file's write lock from its first statement, so the
  // count reads what every process committed and nothing commits between it and the insert.
  const insertWithin = db.transaction((workflow: Workflow, maxPerAccount: number) => {
    if ((q.countByAccount.get(workflow.accountId) as number) >= maxPerAccount) return false;
    insert(workflow);
    return true;
  });
  const recordLastRuns = db.transaction((runs: ReadonlyMap<string, number>) => {
    for (const [id, at] of runs) q.lastRun.run(at, id, at);
  });
  return {
    async create(workflow) {
      insert(workflow);
    },
    async createWithin(workflow, maxPerAccount) {
      return insertWithin.immediate(workflow, maxPerAccount);
    },
    async countByAccount(accountId) {
      return q.countByAccount.get(accountId) as number;
    },
    async recordLastRuns(runs) {
      if (runs.size > 0) recordLastRuns(runs);
    },
    async findById(id) {
      const row = q.byId.get(id) as Row | undefined;
      return row ? toWorkflow(row) : null;
    },
    async replace(workflow) {
      return q.replace.run(toRow(workflow)).changes > 0;
    },
    async delete(id) {
      return q.delete.run(id).changes > 0;
    },
    async listVisible(accountId, includePublic, { after, limit }) {
      const own = (q.own.all(accountId, after ?? "", limit) as Row[]).map(toWorkflow);
      if (!includePublic) return own;
      return mergeById(own, (q.publicDeployed.all(after ?? "", limit) as Row[]).map(toWorkflow), limit);
    },
  };
}
