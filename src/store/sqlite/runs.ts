import type Database from "better-sqlite3";
import type { Run, RunStatus } from "../../domain/run.js";
import type { RunStore } from "../interface.js";
import type { Row } from "./rows.js";

function toRun(row: Row): Run {
  const startedAt = row.started_at as number;
  const finishedAt = row.finished_at as number;
  return {
    id: row.id as string,
    workflowId: (row.workflow_id as string | null) ?? null,
    modelId: (row.model_id as string | null) ?? null,
    accountId: row.account_id as string,
    keyId: row.key_id as string,
    status: row.status as RunStatus,
    inputs: JSON.parse(row.inputs as string) as Record<string, unknown>,
    outputs: row.outputs === null ? null : (JSON.parse(row.outputs as string) as Record<string, unknown>),
    error: (row.error as string | null) ?? null,
    startedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
  };
}

interface PendingRun {
  row: Record<string, unknown>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function toRow(run: Run): Record<string, unknown> {
  return {
    id: run.id,
    accountId: run.accountId,
    keyId: run.keyId,
    workflowId: run.workflowId,
    modelId: run.modelId,
    status: run.status,
    inputs: JSON.stringify(run.inputs),
    outputs: run.outputs === null ? null : JSON.stringify(run.outputs),
    error: run.error,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/**
 * Runs are the one write on the hot path, so they are group-committed: every run recorded in
 * the same turn of the event loop goes into one transaction, and each `create` resolves only
 * after that transaction committed — an acknowledged run is on disk, at a fraction of the
 * cost of one transaction per run.
 */
export function sqliteRunStore(db: Database.Database): RunStore & { flush(): void } {
  const q = {
    insert: db.prepare(
      `INSERT INTO runs (id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at)
       VALUES (@id, @accountId, @keyId, @workflowId, @modelId, @status, @inputs, @outputs, @error, @startedAt, @finishedAt)`,
    ),
    byId: db.prepare("SELECT * FROM runs WHERE id = ?"),
  };
  let pending: PendingRun[] = [];
  const insertAll = db.transaction((batch: PendingRun[]) => {
    for (const item of batch) q.insert.run(item.row);
  });

  function flush(): void {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      insertAll(batch);
      for (const item of batch) item.resolve();
    } catch {
      // One bad row must not fail the others: record them one by one.
      for (const item of batch) {
        try {
          q.insert.run(item.row);
          item.resolve();
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }

  return {
    create(run) {
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ row: toRow(run), resolve, reject });
      });
    },
    async findById(id) {
      const row = q.byId.get(id) as Row | undefined;
      return row ? toRun(row) : null;
    },
    flush,
  };
}
