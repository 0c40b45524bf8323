/**
 * The MongoDB documents: each mirrors its domain record with the id as `_id` (times are epoch
 * milliseconds), and the conversions both ways. Every store file reads and writes through these.
 */
import { MongoServerError } from "mongodb";
import type { AccountRecord, ApiKeyRecord, Session } from "../../domain/account.js";
import type { AuditEvent } from "../../domain/audit-event.js";
import type { Run } from "../../domain/run.js";
import type { UsageBucket, UsagePeriod } from "../../domain/usage.js";
import type { Workflow, WorkflowDefinition } from "../../domain/workflow.js";

export type AccountDoc = Omit<AccountRecord, "id"> & { _id: string };
export type ApiKeyDoc = Omit<ApiKeyRecord, "id"> & { _id: string };
export type SessionDoc = Omit<Session, "digest"> & { _id: string };

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
export type UsageDoc = UsageBucket & { _id: string; keyId: string; period: UsagePeriod };
export type AuditDoc = Omit<AuditEvent, "id"> & { _id: string };
/** A counter kept in one document (the count of changes not broadcast over Redis). */
export type MarkDoc = { _id: string; count: number };
/** A server-wide setting, one document each (the secret's fingerprint). */
export type SettingDoc = { _id: string; value: string; recordedAt: number };

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

export function fromDoc<T extends { _id: string }>(doc: T): Omit<T, "_id"> & { id: string } {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

/**
 * Keys written before the key-lifecycle fields existed lack them: they read as never expiring,
 * never rolled, last used without address or agent — the same as the SQLite migration's nulls.
 */
export function toApiKey(doc: ApiKeyDoc): ApiKeyRecord {
  const key = fromDoc(doc);
  return {
    ...key,
    expiresAt: key.expiresAt ?? null,
    previousDigest: key.previousDigest ?? null,
    previousStart: key.previousStart ?? null,
    graceEndsAt: key.graceEndsAt ?? null,
    lastUsedAddress: key.lastUsedAddress ?? null,
    lastUsedUserAgent: key.lastUsedUserAgent ?? null,
    rolledAt: key.rolledAt ?? null,
  };
}

export function toWorkflow({ _id, definition, ...rest }: WorkflowDoc): Workflow {
  return { id: _id, ...rest, lastRunAt: rest.lastRunAt ?? null, ...(JSON.parse(definition) as WorkflowDefinition) };
}

export function toWorkflowDoc({ id, inputSchema, steps, outputs, lastRunAt, ...rest }: Workflow): WorkflowDoc {
  return { _id: id, ...rest, lastRunAt: lastRunAt ?? null, definition: JSON.stringify({ inputSchema, steps, outputs }) };
}

/** Runs written before browser runs existed carry no keyName: they read as null. */
export function toRun({ _id, inputs, outputs, ...rest }: RunDoc): Run {
  return {
    id: _id,
    ...rest,
    keyName: rest.keyName ?? null,
    inputs: JSON.parse(inputs) as Record<string, unknown>,
    outputs: outputs === null ? null : (JSON.parse(outputs) as Record<string, unknown>),
    durationMs: rest.finishedAt - rest.startedAt,
  };
}
