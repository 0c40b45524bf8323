/**
 * Brings documents written by older versions up to date; run at start before the indexes
 * that depend on it. Idempotent, and safe when several instances start at once.
 */
import { MongoServerError, type Db } from "mongodb";
import { HANDLE_ATTEMPTS, SYSTEM_ACCOUNT_ID, SYSTEM_HANDLE, derivedHandle } from "../../domain/handle.js";
import { workflowAddress } from "../../domain/workflow.js";
import { isDuplicateKey, type AccountDoc, type WorkflowDoc } from "./documents.js";

/** Every account gets a handle: the system account `knouds`, the others derived from the email. */
async function giveAccountsHandles(db: Db): Promise<void> {
  const accounts = db.collection<AccountDoc>("accounts");
  const without = await accounts
    .find({ handle: { $exists: false } })
    .sort({ createdAt: 1, _id: 1 })
    .toArray();
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

/**
 * Indexes earlier versions made that nothing reads any more; each one cost every insert.
 * Filtered run listings now read { accountId, startedAt, _id } with a bounded scan.
 */
const RETIRED_INDEXES: Record<string, string[]> = {
  runs: ["accountId_1_workflowId_1_startedAt_-1__id_-1", "accountId_1_status_1_startedAt_-1__id_-1"],
};
const INDEX_NOT_FOUND = 27;

async function dropRetiredIndexes(db: Db): Promise<void> {
  for (const [collection, names] of Object.entries(RETIRED_INDEXES)) {
    if ((await db.listCollections({ name: collection }, { nameOnly: true }).toArray()).length === 0) continue;
    const present = new Set((await db.collection(collection).indexes()).map((index) => index.name));
    for (const name of names.filter((retired) => present.has(retired))) {
      try {
        await db.collection(collection).dropIndex(name);
      } catch (error) {
        // Another instance starting at the same time dropped it first.
        if (!(error instanceof MongoServerError && error.code === INDEX_NOT_FOUND)) throw error;
      }
    }
  }
}

export async function ensureIndexes(db: Db): Promise<void> {
  await dropRetiredIndexes(db);
  await Promise.all([
    db.collection("accounts").createIndex({ email: 1 }, { unique: true }),
    // Sparse, as migrate() first made it: accounts from before handles had none.
    db.collection("accounts").createIndex({ handle: 1 }, { unique: true, sparse: true }),
    db.collection("api_keys").createIndex({ digest: 1 }, { unique: true }),
    db.collection("api_keys").createIndex({ previousDigest: 1 }, { sparse: true }),
    // Keyset pages (src/store/mongo/pages.ts): each listing reads one range of one index.
    db.collection("api_keys").createIndex({ accountId: 1, createdAt: -1, _id: -1 }),
    db.collection("sessions").createIndex({ expiresAt: 1 }),
    db.collection("workflows").createIndex({ accountId: 1, slug: 1 }, { unique: true }),
    db.collection("workflows").createIndex({ accountId: 1, _id: 1 }),
    db.collection("workflows").createIndex({ visibility: 1, status: 1, _id: 1 }),
    db.collection("runs").createIndex({ accountId: 1, startedAt: -1, _id: -1 }),
    db.collection("key_usage").createIndex({ keyId: 1, period: 1, start: 1 }),
    db.collection("key_usage").createIndex({ period: 1, start: 1 }),
    db.collection("audit_events").createIndex({ accountId: 1, _id: -1 }),
    db.collection("audit_events").createIndex({ at: 1 }),
    // Run retention deletes the oldest runs in batches (see run-retention.ts).
    db.collection("runs").createIndex({ startedAt: 1 }),
  ]);
}
