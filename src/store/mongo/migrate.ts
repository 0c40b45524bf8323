/**
 * Brings documents written by older versions up to date; run at start before the indexes
 * that depend on it. Idempotent, and safe when several instances start at once.
 */
import type { Db } from "mongodb";
import { HANDLE_ATTEMPTS, SYSTEM_ACCOUNT_ID, SYSTEM_HANDLE, derivedHandle } from "../../domain/handle.js";
import { workflowAddress } from "../../domain/workflow.js";
import { isDuplicateKey, type AccountDoc, type WorkflowDoc } from "./documents.js";


/** Every account gets a handle: the system account `knouds`, the others derived from the email. */
async function giveAccountsHandles(db: Db): Promise<void> {
  const accounts = db.collection<AccountDoc>("accounts");
  const without = await accounts.find({ handle: { $exists: false } }).sort({ createdAt: 1, _id: 1 }).toArray();
  for (const { _id, email } of without) {
    for (let attempt = 0; attempt < HANDLE_ATTEMPTS; attempt++) {
      const handle = _id === SYSTEM_ACCOUNT_ID ? SYSTEM_HANDLE : derivedHandle(email, attempt);
      try {
        await accounts.updateOne({ _id, handle: { $exists: false } }, { $set: { handle } });
        break;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt === HANDLE_ATTEMPTS - 1) throw error;
      }
    }
  }
}

/**
 * A workflow's `_id` becomes its full address `handle/slug`. `_id` cannot change in place, so
 * each is copied under its new id, then the old document is removed; a start interrupted in
 * between finishes the move on the next. Runs keep the workflow id they were recorded with.
 */
async function addressWorkflows(db: Db): Promise<void> {
  const workflows = db.collection<WorkflowDoc>("workflows");
  const accounts = db.collection<AccountDoc>("accounts");
  for (const { _id, ...rest } of await workflows.find({ slug: { $exists: false } }).toArray()) {
    const owner = await accounts.findOne({ _id: rest.accountId });
    if (!owner?.handle) {
      // No owner to name it after (SQLite's foreign key makes this impossible there): kept as it
      // was, reachable by no address, with a slug so the unique (account, slug) index holds.
      await workflows.updateOne({ _id, slug: { $exists: false } }, { $set: { slug: _id } });
      continue;
    }
    try {
      await workflows.insertOne({ ...rest, _id: workflowAddress(owner.handle, _id), slug: _id });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    await workflows.deleteOne({ _id, slug: { $exists: false } });
  }
}

/** Each step runs until it has finished once, recorded in `migrations`, so later starts skip the scans. */
export async function migrate(db: Db): Promise<void> {
  const done = db.collection<{ _id: string; at: number }>("migrations");
  if (await done.findOne({ _id: "workflow-namespaces" })) return;
  // Sparse: accounts written before handles existed have none until giveAccountsHandles runs.
  await db.collection("accounts").createIndex({ handle: 1 }, { unique: true, sparse: true });
  await giveAccountsHandles(db);
  await addressWorkflows(db);
  await done.updateOne({ _id: "workflow-namespaces" }, { $setOnInsert: { at: Date.now() } }, { upsert: true });
}
