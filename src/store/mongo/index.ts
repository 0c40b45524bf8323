import { MongoClient, type Collection, type Db } from "mongodb";
import type { AccountRecord, ApiKeyRecord, Session } from "../../domain/account.js";
import { KnoudsError } from "../../domain/errors.js";
import type { AccountStore, ApiKeyStore, SessionStore, Store } from "../interface.js";
import { isDuplicateKey, migrate } from "./migrate.js";
import { mongoRunStore, mongoWorkflowStore, type RunDoc, type WorkflowDoc } from "./workflows.js";

/** Documents mirror the domain records with the id as `_id`; times are epoch milliseconds. */
export type AccountDoc = Omit<AccountRecord, "id"> & { _id: string };
type ApiKeyDoc = Omit<ApiKeyRecord, "id"> & { _id: string };
type SessionDoc = Omit<Session, "digest"> & { _id: string };

function fromDoc<T extends { _id: string }>(doc: T): Omit<T, "_id"> & { id: string } {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

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

function apiKeyStore(col: Collection<ApiKeyDoc>): ApiKeyStore {
  return {
    async create(key) {
      const { id, ...rest } = key;
      await col.insertOne({ _id: id, ...rest });
    },
    async findByDigest(digest) {
      const doc = await col.findOne({ digest });
      return doc ? fromDoc(doc) : null;
    },
    async findById(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    },
    async listByAccount(accountId) {
      const docs = await col.find({ accountId }).sort({ createdAt: -1, _id: -1 }).toArray();
      return docs.map(fromDoc);
    },
    async delete(id) {
      const doc = await col.findOneAndDelete({ _id: id });
      return doc ? fromDoc(doc) : null;
    },
    async setScope(id, scope, assignedByPlatformAdmin) {
      const doc = await col.findOneAndUpdate(
        { _id: id },
        { $set: { scope, scopeAssignedByPlatformAdmin: assignedByPlatformAdmin } },
        { returnDocument: "after" },
      );
      return doc ? fromDoc(doc) : null;
    },
    async recordLastUsed(uses) {
      if (uses.size === 0) return;
      await col.bulkWrite(
        [...uses].map(([id, at]) => ({
          updateOne: {
            filter: { _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] },
            update: { $set: { lastUsedAt: at } },
          },
        })),
        { ordered: false },
      );
    },
  };
}

function sessionStore(col: Collection<SessionDoc>): SessionStore {
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
    async delete(digest) {
      await col.deleteOne({ _id: digest });
    },
    async deleteExpired(now) {
      const result = await col.deleteMany({ expiresAt: { $lte: now } });
      return result.deletedCount;
    },
  };
}

async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all([
    db.collection("accounts").createIndex({ email: 1 }, { unique: true }),
    // Sparse, as migrate() first made it: accounts from before handles had none.
    db.collection("accounts").createIndex({ handle: 1 }, { unique: true, sparse: true }),
    db.collection("api_keys").createIndex({ digest: 1 }, { unique: true }),
    db.collection("api_keys").createIndex({ accountId: 1, createdAt: -1 }),
    db.collection("sessions").createIndex({ expiresAt: 1 }),
    db.collection("workflows").createIndex({ accountId: 1, slug: 1 }, { unique: true }),
    db.collection("workflows").createIndex({ visibility: 1, status: 1 }),
    db.collection("runs").createIndex({ accountId: 1, startedAt: -1 }),
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
  return {
    kind: "mongodb",
    accounts: accountStore(db.collection<AccountDoc>("accounts")),
    apiKeys: apiKeyStore(db.collection<ApiKeyDoc>("api_keys")),
    sessions: sessionStore(db.collection<SessionDoc>("sessions")),
    workflows: mongoWorkflowStore(db.collection<WorkflowDoc>("workflows")),
    runs: mongoRunStore(db.collection<RunDoc>("runs")),
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await client.close();
    },
  };
}
