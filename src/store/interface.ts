/**
 * The storage port. The SQLite and MongoDB adapters implement it and are chosen only in
 * server.ts; nothing else knows which database is in use. Both pass test/store/contract.ts.
 */
import type { AuditEvent } from "../domain/audit-event.js";
import type { AccountRecord, ApiKeyRecord, Session } from "../domain/account.js";
import type { FilteredPage, NewestFirstPosition, PageRequest } from "../domain/pages.js";
import type { Run, RunStatus } from "../domain/run.js";
import type { Scope, Tier } from "../domain/scopes.js";
import type { Workflow } from "../domain/workflow.js";
import type { UsageBucket, UsageDelta, UsagePeriod } from "../domain/usage.js";

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

/** One request's use of a key, kept as "last used". */
export interface KeyUse {
  at: number;
  address: string;
  userAgent: string | null;
}

/** What a roll writes: the new value's digest and start, and how long the previous value lives. */
export interface KeyRoll {
  digest: string;
  start: string;
  /** Null when the previous value dies at once (grace 0). */
  previousDigest: string | null;
  previousStart: string | null;
  graceEndsAt: number | null;
  rolledAt: number;
}

export interface ApiKeyStore {
  create(key: ApiKeyRecord): Promise<void>;
  /**
   * Stores the key unless its account already holds `maxPerAccount` keys; false then. The count
   * and the insert are one step against concurrent calls: in SQLite one transaction holding the
   * write lock (exact for every process on the file), in MongoDB creates for one account take
   * turns in this process. `events` (the audit record of the creation) are stored with the key:
   * in SQLite in the same transaction (both or neither); in MongoDB, which this adapter uses
   * without multi-document transactions, right after it, the key being removed again when its
   * events cannot be written (a process killed between the two writes leaves the key alone).
   */
  createWithin(key: ApiKeyRecord, maxPerAccount: number, events?: readonly AuditEvent[]): Promise<boolean>;
  /** The key whose current or previous (rolled) value has this digest. */
  findByDigest(digest: string): Promise<ApiKeyRecord | null>;
  findById(id: string): Promise<ApiKeyRecord | null>;
  /** A page of the account's keys, newest first (createdAt, then id, descending). */
  listByAccount(accountId: string, page: PageRequest<NewestFirstPosition>): Promise<ApiKeyRecord[]>;
  /** How many keys the account holds. */
  countByAccount(accountId: string): Promise<number>;
  /** Removes the key for good; returns what was removed, or null. */
  delete(id: string): Promise<ApiKeyRecord | null>;
  setScope(id: string, scope: Scope, assignedByPlatformAdmin: boolean): Promise<ApiKeyRecord | null>;
  /** Returns the renamed key, or null when there is none. */
  rename(id: string, name: string): Promise<ApiKeyRecord | null>;
  /**
   * Gives the key a new value, only while its current digest is still `currentDigest`: one
   * compare-and-set step, so of concurrent rolls read from one digest exactly one wins, on
   * every instance. Returns the updated key, or null when it was deleted or rolled meanwhile.
   */
  roll(id: string, currentDigest: string, next: KeyRoll): Promise<ApiKeyRecord | null>;
  /** Records last use in bulk; unknown ids are ignored, older uses never overwrite newer. */
  recordLastUsed(uses: ReadonlyMap<string, KeyUse>): Promise<void>;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  /** Returns null for unknown or expired sessions. */
  findByDigest(digest: string, now: number): Promise<Session | null>;
  /** The account of an unexpired session, null otherwise: what every signed-in request asks, in one read. */
  accountFor(digest: string, now: number): Promise<AccountRecord | null>;
  delete(digest: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

export interface WorkflowStore {
  /**
   * Throws KnoudsError CONFLICT when the owner already has the slug (the id, `handle/slug`,
   * is then taken too). Another account's slug never conflicts.
   */
  create(workflow: Workflow): Promise<void>;
  /**
   * Stores the workflow unless its account already holds `maxPerAccount`; false then (CONFLICT
   * as create for a taken slug). As ApiKeyStore.createWithin: in SQLite the count and the
   * insert are one transaction holding the write lock (exact for every process on the file);
   * in MongoDB creates for one account take turns in this process.
   */
  createWithin(workflow: Workflow, maxPerAccount: number): Promise<boolean>;
  /** How many workflows the account holds. */
  countByAccount(accountId: string): Promise<number>;
  /**
   * Records when workflows last started a run, in bulk: unknown ids are ignored, an older time
   * never overwrites a newer one. Replacing a workflow keeps its lastRunAt.
   */
  recordLastRuns(runs: ReadonlyMap<string, number>): Promise<void>;
  /** By full address, `handle/slug`. */
  findById(id: string): Promise<Workflow | null>;
  /** Replaces the stored workflow with the same id; returns false when there is none. */
  replace(workflow: Workflow): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /**
   * A page of the account's own workflows, plus every public deployed one when `includePublic`,
   * by id ascending; the position is the last id seen.
   */
  listVisible(accountId: string, includePublic: boolean, page: PageRequest<string>): Promise<Workflow[]>;
}

export interface RunStore {
  create(run: Run): Promise<void>;
  findById(id: string): Promise<Run | null>;
  /**
   * A page of the account's runs, newest first (startedAt, then id, descending), optionally
   * filtered. With a filter, the read looks at no more than `scanLimit` of the account's runs
   * after `page.after` (FILTER_SCAN_LIMIT, or less: what remains of the request's allowance): when those hold fewer than
   * `page.limit` matches, `searchedTo` is the last run looked at, where the next page starts.
   */
  listByAccount(
    accountId: string,
    filter: RunFilter,
    page: PageRequest<NewestFirstPosition>,
    scanLimit?: number,
  ): Promise<FilteredPage<Run, NewestFirstPosition>>;
  /**
   * Deletes at most `limit` runs that started before `cutoff` (epoch ms), oldest first, in one
   * short write; returns how many went. Retention calls it batch by batch. Only runs are
   * deleted: nothing counted from them (usage) is touched.
   */
  deleteStartedBefore(cutoff: number, limit: number): Promise<number>;
}

export interface UsageStore {
  /** Adds each delta to its bucket, creating the bucket at zero when absent (so concurrent instances add up). */
  add(deltas: readonly UsageDelta[]): Promise<void>;
  /** The key's stored buckets of `period` starting at or after `since`, oldest first. */
  buckets(keyId: string, period: UsagePeriod, since: number): Promise<UsageBucket[]>;
  /** Deletes buckets of `period` that start before `before`; returns how many. */
  deleteBefore(period: UsagePeriod, before: number): Promise<number>;
}

/** Where audit events page from: ids are time-ordered, so "older" means a smaller id. */
export interface AuditPage {
  accountId: string;
  /** Only events with ids below this one. */
  olderThan?: string;
  /** Only events with ids above this one. */
  newerThan?: string;
  limit: number;
  /** Oldest first instead of newest first (for paging backwards). */
  oldestFirst?: boolean;
}

export interface AuditStore {
  /** Appends events; there is no update. */
  append(events: readonly AuditEvent[]): Promise<void>;
  list(page: AuditPage): Promise<AuditEvent[]>;
  /** Deletes at most `limit` events recorded before `before`; returns how many (retention). */
  deleteBefore(before: number, limit: number): Promise<number>;
}

export interface RunFilter {
  workflowId?: string;
  status?: RunStatus;
}

/**
 * A count every instance shares, bumped when a change could not be broadcast over Redis:
 * instances that stayed subscribed poll it and drop their caches when it moves.
 */
export interface MissedBroadcastStore {
  bump(): Promise<void>;
  count(): Promise<number>;
}

/**
 * The fingerprint of the server secret the store's key digests were made under: an HMAC of a
 * fixed label under the secret (src/auth/secret.ts), never the secret itself. One per store.
 */
export interface SecretFingerprintStore {
  /** The recorded fingerprint; null in a new store or one written before fingerprints. */
  get(): Promise<string | null>;
  /**
   * Records `fingerprint` unless one is recorded already, in one step, and returns the one
   * recorded: of instances starting together on a new store, the first writer's wins.
   */
  recordIfAbsent(fingerprint: string): Promise<string>;
  /** Records `fingerprint` in place of any other: the operator changed the secret on purpose. */
  replace(fingerprint: string): Promise<void>;
}

export interface Store {
  readonly kind: "sqlite" | "mongodb";
  readonly accounts: AccountStore;
  readonly apiKeys: ApiKeyStore;
  readonly sessions: SessionStore;
  readonly workflows: WorkflowStore;
  readonly runs: RunStore;
  readonly usage: UsageStore;
  readonly audit: AuditStore;
  readonly missedBroadcasts: MissedBroadcastStore;
  readonly secretFingerprint: SecretFingerprintStore;
  /**
   * True when another process (the operator CLI, say) committed to the database since the last
   * call that looked; calls within a millisecond of one that looked answer false without
   * looking. Absent where the store cannot tell cheaply (MongoDB: use REDIS_URL for that).
   */
  changedElsewhere?(): boolean;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
