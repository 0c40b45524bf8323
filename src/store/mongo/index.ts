/** Opens the MongoDB store: connects, brings old documents up to date, makes the indexes, and wires one store per collection. */
import { MongoClient } from "mongodb";
import type { Store } from "../interface.js";
import { mongoAccountStore } from "./accounts.js";
import { mongoApiKeyStore } from "./api-keys.js";
import { mongoAuditStore } from "./audit.js";
import type { AccountDoc, ApiKeyDoc, AuditDoc, MarkDoc, RunDoc, SessionDoc, SettingDoc, UsageDoc, WorkflowDoc } from "./documents.js";
import { ensureIndexes, migrate } from "./migrations.js";
import { mongoMissedBroadcastStore } from "./missed-broadcasts.js";
import { mongoSecretFingerprintStore } from "./secret-fingerprint.js";
import { mongoRunStore } from "./runs.js";
import { mongoSessionStore } from "./sessions.js";
import { mongoUsageStore } from "./usage.js";
import { mongoWorkflowStore } from "./workflows.js";

/** Connects, creates the indexes, and returns the store. The database comes from the URI path. */
export async function openMongoStore(uri: string): Promise<Store> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  const db = client.db();
  await migrate(db);
  await ensureIndexes(db);
  const accounts = mongoAccountStore(db.collection<AccountDoc>("accounts"));
  const audit = mongoAuditStore(db.collection<AuditDoc>("audit_events"));
  return {
    kind: "mongodb",
    accounts,
    apiKeys: mongoApiKeyStore(db.collection<ApiKeyDoc>("api_keys"), audit),
    sessions: mongoSessionStore(db.collection<SessionDoc>("sessions"), accounts),
    workflows: mongoWorkflowStore(db.collection<WorkflowDoc>("workflows")),
    runs: mongoRunStore(db.collection<RunDoc>("runs")),
    usage: mongoUsageStore(db.collection<UsageDoc>("key_usage")),
    audit,
    missedBroadcasts: mongoMissedBroadcastStore(db.collection<MarkDoc>("revocation_marks")),
    secretFingerprint: mongoSecretFingerprintStore(db.collection<SettingDoc>("server_settings")),
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await client.close();
    },
  };
}
