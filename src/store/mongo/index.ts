import { MongoClient, MongoServerError, type Collection, type Db } from "mongodb";
import type { ApiKeyRecord } from "../../domain/account.js";
import { KnoudsError } from "../../domain/errors.js";
import { SerialQueues } from "../../lib/serial-queues.js";
import type { AccountStore, ApiKeyStore, AuditStore, SessionStore, Store } from "../interface.js";
import {
  fromDoc,
  isDuplicateKey,
  toApiKey,
  type AccountDoc,
  type ApiKeyDoc,
  type AuditDoc,
  type RunDoc,
  type SessionDoc,
  type UsageDoc,
  type WorkflowDoc,
} from "./documents.js";
import { mongoAuditStore, mongoUsageStore } from "./events.js";
import { migrate } from "./migrate.js";
import { newestFirstAfter } from "./pages.js";
import { mongoRunStore, mongoWorkflowStore } from "./workflows.js";



function accountStore(col: Collection<AccountDoc>): AccountStore {
  return {
    async create(account) {
      const { id, ...rest } = account;
      try {
        await col.insertOne({ _id: id, ...rest });
      } catch (error) {
        if (isDuplicateKey(error)) {
          // MongoDB names the index in the message: "… index: handle_1 dup key: …".
          const what = /index: handle_1\b/.test((error as Error).message) ? "handle" : "email";
          throw KnoudsError.conflict(`An account with this ${what} already exists`);
        }
        throw error;
      }
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    },
    async findByEmail(email) {
      const doc = await col.findOne({ email });
      return doc ? fromDoc(doc) : null;
    },
    async findByHandle(handle) {
      const doc = await col.findOne({ handle });
      return doc ? fromDoc(doc) : null;
    },
    async update(id, changes) {
      const set: Partial<AccountDoc> = {};
      if (changes.tier !== undefined) set.tier = changes.tier;
      if (changes.isPlatformAdmin !== undefined) set.isPlatformAdmin = changes.isPlatformAdmin;
      const doc = await col.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: "after" });
      return doc ? fromDoc(doc) : null;
    },
  };
}


function apiKeyStore(col: Collection<ApiKeyDoc>, audit: AuditStore): ApiKeyStore {
  // MongoDB has no insert-if-count-below without a transaction: creates for one account take
  // turns here, so the cap is exact per process (instances racing can pass it by their number).
  const creates = new SerialQueues();
  const insert = async (key: ApiKeyRecord) => {
    const { id, ...rest } = key;
    await col.insertOne({ _id: id, ...rest });
  };
  return {
    create: insert,
    createWithin(key, maxPerAccount, events = []) {
      return creates.run(key.accountId, async () => {
        if ((await col.countDocuments({ accountId: key.accountId })) >= maxPerAccount) return false;
        await insert(key);
        try {
          await audit.append(events);
        } catch (error) {
          // No multi-document transaction (a standalone server has none): a key whose
          // creation is not on record is taken back (its value was never shown) and the
          // caller gets the error. Should that delete fail too, the key stays, unusable
          // (nobody has its value), listed for its owner to delete.
          await col.deleteOne({ _id: key.id }).catch(() => undefined);
          throw error;
        }
        return true;
      });
    },
    async findByDigest(digest) {
      const doc = (await col.findOne({ digest })) ?? (await col.findOne({ previousDigest: digest }));
      return doc ? toApiKey(doc) : null;
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toApiKey(doc) : null;
    },
    async listByAccount(accountId, { after, limit }) {
      const docs = await col
        .find({ accountId, ...newestFirstAfter("createdAt", after) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map(toApiKey);
    },
    countByAccount(accountId) {
      return col.countDocuments({ accountId });
    },
    async delete(id) {
      const doc = await col.findOneAndDelete({ _id: id });
      return doc ? toApiKey(doc) : null;
    },
    async setScope(id, scope, assignedByPlatformAdmin) {
      const doc = await col.findOneAndUpdate(
        { _id: id },
        { $set: { scope, scopeAssignedByPlatformAdmin: assignedByPlatformAdmin } },
        { returnDocument: "after" },
      );
      return doc ? toApiKey(doc) : null;
    },
    async rename(id, name) {
      const doc = await col.findOneAndUpdate({ _id: id }, { $set: { name } }, { returnDocument: "after" });
      return doc ? toApiKey(doc) : null;
    },
    async roll(id, currentDigest, next) {
      const doc = await col.findOneAndUpdate({ _id: id, digest: currentDigest }, { $set: next }, { returnDocument: "after" });
      return doc ? toApiKey(doc) : null;
    },
    async recordLastUsed(uses) {
      if (uses.size === 0) return;
      await col.bulkWrite(
        [...uses].map(([id, use]) => ({
          updateOne: {
            filter: { _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: use.at } }] },
            update: { $set: { lastUsedAt: use.at, lastUsedAddress: use.address, lastUsedUserAgent: use.userAgent } },
          },
        })),
        { ordered: false },
      );
    },
  };
}

function sessionStore(col: Collection<SessionDoc>, accounts: AccountStore): SessionStore {
  return {
    async create(session) {
      const { digest, ...rest } = session;
      await col.insertOne({ _id: digest, ...rest });
    },
    async findByDigest(digest, now) {
      const doc = await col.findOne({ _id: digest, expiresAt: { $gt: now } });
      if (!doc) return null;
      const { _id, ...rest } = doc;
      return { digest: _id, ...rest };
    },
    async accountFor(digest, now) {
      const doc = await col.findOne({ _id: digest, expiresAt: { $gt: now } }, { projection: { accountId: 1 } });
      return doc ? accounts.findById(doc.accountId) : null;
    },
    async delete(digest) {
      await col.deleteOne({ _id: digest });
    },
    async deleteExpired(now) {
      const result = await col.deleteMany({ expiresAt: { $lte: now } });
      return result.deletedCount;
    },
  };
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

async function ensureIndexes(db: Db): Promise<void> {
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

/** Connects, creates the indexes, and returns the store. The database comes from the URI path. */
export async function openMongoStore(uri: string): Promise<Store> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  const db = client.db();
  await migrate(db);
  await ensureIndexes(db);
  const accounts = accountStore(db.collection<AccountDoc>("accounts"));
  const audit = mongoAuditStore(db.collection<AuditDoc>("audit_events"));
  // Changes not broadcast over Redis (it was away), counted for the instances that stayed subscribed.
  const marks = db.collection<{ _id: string; count: number }>("revocation_marks");
  return {
    kind: "mongodb",
    accounts,
    apiKeys: apiKeyStore(db.collection<ApiKeyDoc>("api_keys"), audit),
    sessions: sessionStore(db.collection<SessionDoc>("sessions"), accounts),
    workflows: mongoWorkflowStore(db.collection<WorkflowDoc>("workflows")),
    runs: mongoRunStore(db.collection<RunDoc>("runs")),
    usage: mongoUsageStore(db.collection<UsageDoc>("key_usage")),
    audit,
    missedBroadcasts: {
      async bump() {
        await marks.updateOne({ _id: "missed-broadcasts" }, { $inc: { count: 1 } }, { upsert: true });
      },
      async count() {
        return (await marks.findOne({ _id: "missed-broadcasts" }))?.count ?? 0;
      },
    },
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await client.close();
    },
  };
}
