/**
 * The storage port. The SQLite and MongoDB adapters implement it and are chosen only in
 * server.ts; nothing else knows which database is in use. Both pass test/store/contract.ts.
 */
import type { AccountRecord, ApiKeyRecord, Session } from "../domain/account.js";
import type { Run } from "../domain/run.js";
import type { Scope, Tier } from "../domain/scopes.js";
import type { Workflow } from "../domain/workflow.js";

export interface AccountStore {
  /** Throws KnoudsError CONFLICT when the email or the handle is taken (the message says which). */
  create(account: AccountRecord): Promise<void>;
  findById(id: string): Promise<AccountRecord | null>;
  /** Looks up by normalized email. */
  findByEmail(email: string): Promise<AccountRecord | null>;
  findByHandle(handle: string): Promise<AccountRecord | null>;
  /** Returns the updated account, or null when there is none. */
  update(id: string, changes: { tier?: Tier; isPlatformAdmin?: boolean }): Promise<AccountRecord | null>;
}

export interface ApiKeyStore {
  create(key: ApiKeyRecord): Promise<void>;
  findByDigest(digest: string): Promise<ApiKeyRecord | null>;
  findById(id: string): Promise<ApiKeyRecord | null>;
  /** Newest first. */
  listByAccount(accountId: string): Promise<ApiKeyRecord[]>;
  /** Removes the key for good; returns what was removed, or null. */
  delete(id: string): Promise<ApiKeyRecord | null>;
  setScope(id: string, scope: Scope, assignedByPlatformAdmin: boolean): Promise<ApiKeyRecord | null>;
  /** Records last use in bulk; unknown ids are ignored, older times never overwrite newer. */
  recordLastUsed(uses: ReadonlyMap<string, number>): Promise<void>;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  /** Returns null for unknown or expired sessions. */
  findByDigest(digest: string, now: number): Promise<Session | null>;
  delete(digest: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

export interface WorkflowStore {
  /**
   * Throws KnoudsError CONFLICT when the owner already has the slug (the id, `handle/slug`,
   * is then taken too). Another account's slug never conflicts.
   */
  create(workflow: Workflow): Promise<void>;
  /** By full address, `handle/slug`. */
  findById(id: string): Promise<Workflow | null>;
  /** Replaces the stored workflow with the same id; returns false when there is none. */
  replace(workflow: Workflow): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** The account's own workflows, plus every public deployed one when `includePublic`; by id. */
  listVisible(accountId: string, includePublic: boolean, limit: number): Promise<Workflow[]>;
}

export interface RunStore {
  create(run: Run): Promise<void>;
  findById(id: string): Promise<Run | null>;
  /**
   * Deletes at most `limit` runs that started before `cutoff` (epoch ms), oldest first, in one
   * short write; returns how many went. Retention calls it batch by batch. Only runs are
   * deleted: nothing counted from them (usage) is touched.
   */
  deleteStartedBefore(cutoff: number, limit: number): Promise<number>;
}

export interface Store {
  readonly kind: "sqlite" | "mongodb";
  readonly accounts: AccountStore;
  readonly apiKeys: ApiKeyStore;
  readonly sessions: SessionStore;
  readonly workflows: WorkflowStore;
  readonly runs: RunStore;
  /**
   * True when another process (the operator CLI, say) committed to the database since the last
   * call. Absent where the store cannot tell cheaply (MongoDB: use REDIS_URL for that).
   */
  changedElsewhere?(): boolean;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
