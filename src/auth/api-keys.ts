import { accountActor } from "../audit/actor.js";
import type { AuditLog } from "../audit/interface.js";
import type { ClientInfo } from "../domain/audit-event.js";
import type { Account, ApiKey, ApiKeyRecord } from "../domain/account.js";
import { KnoudsError } from "../domain/errors.js";
import { newId } from "../domain/ids.js";
import { rollRefusal, validExpiry, validGraceMs, validKeyName, valueStanding, type ExpiryChoice } from "../domain/key-lifecycle.js";
import { digestKey, generateKeyValue } from "../domain/keys.js";
import type { NewestFirstPosition, PageRequest } from "../domain/pages.js";
import { scopeAtLeast, tierCeiling, type Scope } from "../domain/scopes.js";
import type { Store } from "../store/interface.js";
import type { RevocationBus } from "./revocation.js";

/** Keys one account may hold at once (docs/limits.md#multi-tenant-safety: a tenant-controlled count, bounded). */
export const MAX_KEYS_PER_ACCOUNT = 100;

function publicKey(record: ApiKeyRecord): ApiKey {
  const { digest: _digest, previousDigest: _previousDigest, rolledAt: _rolledAt, ...key } = record;
  return key;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full value. Hand it to the creator once; never store or log it. */
  value: string;
}

/** Creating, listing, renaming, rolling, re-scoping and deleting keys. Authorization of the actor is the caller's job. */
export class ApiKeyService {
  constructor(
    private readonly store: Store,
    private readonly secret: string,
    private readonly bus: RevocationBus,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Creates a key for `owner`. Without `scope` the owner's tier ceiling is used. An actor who
   * is not a platform admin cannot go above the ceiling (SCOPE_ABOVE_CEILING); a platform
   * admin can, and a scope a platform admin chose for another account's key, or one above the
   * ceiling, is recorded as assigned so it stands when the tier changes. A key created without
   * a chosen scope follows the tier like any other. Without an expiry the key never expires.
   * BAD_USER_INPUT once the owner holds MAX_KEYS_PER_ACCOUNT keys.
   */
  create(
    actor: Account,
    owner: Account,
    name: string,
    scope?: Scope,
    expiry: ExpiryChoice = {},
    client?: ClientInfo,
  ): Promise<CreatedApiKey> {
    return this.createNow(actor, owner, name, scope, expiry, client);
  }

  private async createNow(
    actor: Account,
    owner: Account,
    name: string,
    scope: Scope | undefined,
    expiry: ExpiryChoice,
    client: ClientInfo | undefined,
  ): Promise<CreatedApiKey> {
    const trimmed = validKeyName(name);
    const now = Date.now();
    const expiresAt = validExpiry(expiry, now);
    const ceiling = tierCeiling(owner.tier);
    const chosen = scope ?? ceiling;
    const aboveCeiling = !scopeAtLeast(ceiling, chosen);
    if (aboveCeiling && !actor.isPlatformAdmin) throw KnoudsError.scopeAboveCeiling(chosen, ceiling);
    const { value, start } = generateKeyValue();
    const record: ApiKeyRecord = {
      id: newId("key"),
      accountId: owner.id,
      name: trimmed,
      scope: chosen,
      scopeAssignedByPlatformAdmin: actor.isPlatformAdmin && scope !== undefined && (aboveCeiling || owner.id !== actor.id),
      digest: digestKey(value, this.secret),
      start,
      createdAt: now,
      expiresAt,
      previousDigest: null,
      previousStart: null,
      graceEndsAt: null,
      rolledAt: null,
      lastUsedAt: null,
      lastUsedAddress: null,
      lastUsedUserAgent: null,
    };
    // Stored with the key (SQLite: in one transaction, so a created key always has its
    // record; MongoDB: right after it, see createWithin).
    const event = this.audit.event({
      type: "key.created",
      accountId: owner.id,
      actor: accountActor(actor),
      key: record,
      details: { scope: chosen },
      client,
    });
    if (!(await this.store.apiKeys.createWithin(record, MAX_KEYS_PER_ACCOUNT, event ? [event] : []))) {
      throw KnoudsError.invalidInput([
        { path: "", message: `an account holds at most ${MAX_KEYS_PER_ACCOUNT} keys; delete one before creating another` },
      ]);
    }
    return { apiKey: publicKey(record), value };
  }

  /** A page of the account's keys, newest first. */
  async list(accountId: string, page: PageRequest<NewestFirstPosition>): Promise<ApiKey[]> {
    return (await this.store.apiKeys.listByAccount(accountId, page)).map(publicKey);
  }

  /** Keys of other accounts are NOT_FOUND unless the actor is a platform admin. */
  async find(actor: Account, keyId: string): Promise<ApiKeyRecord> {
    const record = await this.store.apiKeys.findById(keyId);
    if (!record || (record.accountId !== actor.id && !actor.isPlatformAdmin)) throw KnoudsError.notFound();
    return record;
  }

  async rename(actor: Account, keyId: string, name: string, client?: ClientInfo): Promise<ApiKey> {
    const trimmed = validKeyName(name);
    const before = await this.find(actor, keyId);
    const renamed = await this.store.apiKeys.rename(keyId, trimmed);
    if (!renamed) throw KnoudsError.notFound();
    await this.forget(renamed, [renamed.digest, renamed.previousDigest]);
    this.audit.record({
      type: "key.renamed",
      accountId: renamed.accountId,
      actor: accountActor(actor),
      key: renamed,
      details: { name: renamed.name, previousName: before.name },
      client,
    });
    return publicKey(renamed);
  }

  /**
   * A new value for the same key (id, name, scope, expiry and history stay). The current value
   * keeps working for `graceSeconds` (0: it stops at once). CONFLICT for the loser of a race:
   * a roll from a value another roll replaced meanwhile, or within ROLL_SETTLE_MS of the last
   * roll. Rolling again later during a grace ends the earlier previous value at once: only the
   * value just replaced gets the new grace.
   */
  async roll(actor: Account, keyId: string, graceSeconds: number, client?: ClientInfo): Promise<CreatedApiKey> {
    const graceMs = validGraceMs(graceSeconds);
    const current = await this.find(actor, keyId);
    const now = this.now();
    const raced = rollRefusal(current, now);
    if (raced) throw raced;
    const { value, start } = generateKeyValue();
    const rolled = await this.store.apiKeys.roll(keyId, current.digest, {
      digest: digestKey(value, this.secret),
      start,
      previousDigest: graceMs > 0 ? current.digest : null,
      previousStart: graceMs > 0 ? current.start : null,
      graceEndsAt: graceMs > 0 ? now + graceMs : null,
      rolledAt: now,
    });
    if (!rolled) throw KnoudsError.conflict("The key was rolled or deleted meanwhile; reload and try again");
    // Caches hold the key under each value's digest: drop both old values' entries everywhere.
    await this.forget(rolled, [current.digest, current.previousDigest]);
    this.audit.record({
      type: "key.rolled",
      accountId: rolled.accountId,
      actor: accountActor(actor),
      key: rolled,
      details: { graceSeconds: graceMs / 1000 },
      client,
    });
    return { apiKey: publicKey(rolled), value };
  }

  /** Deletes for good (every value of it); resolves only after every instance has been told to forget it. */
  async delete(actor: Account, keyId: string, client?: ClientInfo): Promise<ApiKey> {
    await this.find(actor, keyId);
    const removed = await this.store.apiKeys.delete(keyId);
    if (!removed) throw KnoudsError.notFound();
    await this.forget(removed, [removed.digest, removed.previousDigest]);
    this.audit.record({ type: "key.deleted", accountId: removed.accountId, actor: accountActor(actor), key: removed, client });
    return publicKey(removed);
  }

  /**
   * A leak report: when `value` (already checked well-formed) still works — a rolled key's
   * previous value in its grace included — its key is deleted on every instance. Holding the
   * value is the proof, so there is no actor. Returns the deleted key, or null; the caller
   * must answer the same either way.
   */
  async deleteLeaked(value: string, client?: ClientInfo): Promise<ApiKey | null> {
    const digest = digestKey(value, this.secret);
    const key = await this.store.apiKeys.findByDigest(digest);
    if (!key || valueStanding(key, digest, Date.now()) !== "VALID") return null;
    const removed = await this.store.apiKeys.delete(key.id);
    if (!removed) return null;
    await this.forget(removed, [removed.digest, removed.previousDigest]);
    this.audit.record({ type: "key.reported_leaked", accountId: removed.accountId, actor: { kind: "anonymous" }, key: removed, client });
    return publicKey(removed);
  }

  /** Platform admins only (checked by the caller): the scope stands as assigned. */
  async assignScope(actor: Account, keyId: string, scope: Scope, client?: ClientInfo): Promise<ApiKey> {
    const before = await this.store.apiKeys.findById(keyId);
    const updated = before && (await this.store.apiKeys.setScope(keyId, scope, true));
    if (!before || !updated) throw KnoudsError.notFound();
    await this.forget(updated, [updated.digest, updated.previousDigest]);
    this.audit.record({
      type: "key.rescoped",
      accountId: updated.accountId,
      actor: accountActor(actor),
      key: updated,
      details: { scope, previousScope: before.scope },
      client,
    });
    return publicKey(updated);
  }

  /** Tells every instance to drop its cached verifications of these values of the key. */
  private async forget(key: ApiKeyRecord, digests: Array<string | null>): Promise<void> {
    for (const digest of digests) if (digest !== null) await this.bus.publish({ kind: "key", keyId: key.id, digest });
  }
}
