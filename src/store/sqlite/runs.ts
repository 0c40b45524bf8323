import type Database from "better-sqlite3";
import { FILTER_SCAN_LIMIT, startOfNewestFirst, type NewestFirstPosition } from "../../domain/pages.js";
import type { Run, RunStatus } from "../../domain/run.js";
import type { RunFilter, RunStore } from "../interface.js";
import type { GroupCommit } from "./group-commit.js";
import type { Row } from "./rows.js";

function toRun(row: Row): Run {
  const startedAt = row.started_at as number;
  const finishedAt = row.finished_at as number;
  return {
    id: row.id as string,
    workflowId: (row.workflow_id as string | null) ?? null,
    modelId: (row.model_id as string | null) ?? null,
    accountId: row.account_id as string,
    keyId: (row.key_id as string | null) ?? null,
    keyName: (row.key_name as string | null) ?? null,
    status: row.status as RunStatus,
    inputs: JSON.parse(row.inputs as string) as Record<string, unknown>,
    outputs: row.outputs === null ? null : (JSON.parse(row.outputs as string) as Record<string, unknown>),
    error: (row.error as string | null) ?? null,
    startedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
  };
}

// Positional, in the insert's column order: binding by name costs a property lookup and an
// own-property check per column in better-sqlite3, about a third of the insert's CPU time.
function toRow(run: Run): unknown[] {
  return [
    run.id,
    run.accountId,
    run.keyId,
    run.workflowId,
    run.modelId,
    run.status,
    JSON.stringify(run.inputs),
    run.outputs === null ? null : JSON.stringify(run.outputs),
    run.error,
    run.startedAt,
    run.finishedAt,
    run.keyName,
  ];
}

/** Runs are group-committed (see group-commit.ts): the run path's one write, and retention's deletes. */
export function sqliteRunStore(db: Database.Database, commits: GroupCommit): RunStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO runs (id, account_id, key_id, workflow_id, model_id, status, inputs, outputs, error, started_at, finished_at, key_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byId: db.prepare("SELECT * FROM runs WHERE id = ?"),
    deleteStartedBefore: db.prepare(
      "DELETE FROM runs WHERE rowid IN (SELECT rowid FROM runs WHERE started_at < ? ORDER BY started_at LIMIT ?)",
    ),
  };
  // The unfiltered listing is one range of runs_account_newest. A filtered one reads the same
  // range, bounded below by the run `scanLimit` places on (the boundary, read from the index
  // alone), so it looks at no more than that many runs whatever the filter matches.
  const boundary = db.prepare(
    `SELECT started_at AS at, id FROM runs WHERE account_id = @accountId AND (started_at, id) < (@at, @id)
     ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET @offset`,
  );
  const listings = new Map<string, Database.Statement>();
  function listing(filter: RunFilter): Database.Statement {
    const key = `${filter.workflowId !== undefined}:${filter.status !== undefined}`;
    let statement = listings.get(key);
    if (!statement) {
      const conditions = ["account_id = @accountId", "(started_at, id) < (@at, @id)"];
      if (filter.workflowId !== undefined) conditions.push("workflow_id = @workflowId");
      if (filter.status !== undefined) conditions.push("status = @status");
      if (key !== "false:false") conditions.push("(started_at, id) >= (@fromAt, @fromId)");
      statement = db.prepare(
        `SELECT * FROM runs INDEXED BY runs_account_newest WHERE ${conditions.join(" AND ")}
         ORDER BY started_at DESC, id DESC LIMIT @limit`,
      );
      listings.set(key, statement);
    }
    return statement;
  }
  return {
    create(run) {
      const row = toRow(run);
      return commits.enqueue(() => q.insert.run(...row));
    },
    async findById(id) {
      const row = q.byId.get(id) as Row | undefined;
      return row ? toRun(row) : null;
    },
    async listByAccount(accountId, filter, { after, limit }, scanLimit = FILTER_SCAN_LIMIT) {
      const from = after ?? startOfNewestFirst;
      const filtered = filter.workflowId !== undefined || filter.status !== undefined;
      const last = filtered ? (boundary.get({ accountId, ...from, offset: scanLimit - 1 }) as NewestFirstPosition | undefined) : undefined;
      const rows = listing(filter).all({
        accountId,
        ...(filter.workflowId !== undefined && { workflowId: filter.workflowId }),
        ...(filter.status !== undefined && { status: filter.status }),
        ...from,
        ...(filtered && { fromAt: last?.at ?? Number.MIN_SAFE_INTEGER, fromId: last?.id ?? "" }),
        limit,
      }) as Row[];
      return { items: rows.map(toRun), searchedTo: last !== undefined && rows.length < limit ? last : null };
    },
    // Rides the group commit like the inserts: a retention batch shares the transaction (and
    // the fsync) of whatever runs were made in the same turn, so it costs only its CPU time.
    async deleteStartedBefore(cutoff, limit) {
      let deleted = 0;
      await commits.enqueue(() => {
        deleted = q.deleteStartedBefore.run(cutoff, limit).changes;
      });
      return deleted;
    },
  };
}
