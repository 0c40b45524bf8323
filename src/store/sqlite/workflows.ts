import type Database from "better-sqlite3";
import { KnoudsError } from "../../domain/errors.js";
import type { Visibility, Workflow, WorkflowDefinition, WorkflowStatus } from "../../domain/workflow.js";
import type { WorkflowStore } from "../interface.js";
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
    visible: db.prepare(
      `SELECT * FROM workflows
       WHERE account_id = @accountId OR (@includePublic = 1 AND visibility = 'public' AND status = 'deployed')
       ORDER BY id LIMIT @limit`,
    ),
  };
  return {
    async create(workflow) {
      try {
        q.insert.run(toRow(workflow));
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw KnoudsError.conflict(`You already have a workflow with id "${workflow.slug}"`);
        }
        throw error;
      }
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
    async listVisible(accountId, includePublic, limit) {
      return (q.visible.all({ accountId, includePublic: includePublic ? 1 : 0, limit }) as Row[]).map(toWorkflow);
    },
  };
}
