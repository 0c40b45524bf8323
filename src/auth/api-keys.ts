import { accountActor } from "../audit/actor.js";
import type { AuditLog, ClientInfo } from "../audit/interface.js";
import type { Account, ApiKey, ApiKeyRecord } from "../domain/account.js";
import { KnoudsError } from "../domain/errors.js";
import { newId } from "../domain/ids.js";
import { digestKey, generateKeyValue } from "../domain/keys.js";
import { scopeAtLeast, tierCeiling, type Scope } from "../domain/scopes.js";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "../domain/text.js";
import { SerialQueues } from "../limits/serial-queues.js";
import type { Store } from "../store/interface.js";
import type { RevocationBus } from "./revocation.js";

const MAX_NAME_LENGTH = 100;
/** Keys one account may hold at once (SPEC §9: a tenant-controlled count, bounded). */
export const MAX_KEYS_PER_ACCOUNT = 100;

function publicKey(record: ApiKeyRecord): ApiKey {
  const { digest: _digest, ...key } = record;
  return key;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full value. Hand it to the creator once; never store or log it. */
  value: string;
}

/** Creating, listing, re-scoping and deleting keys. Authorization of the actor is the caller's job. */
export class ApiKeyService {
  /** Creates for one account run one at a time here, so the count check is exact on an instance. */
  private readonly creates = new SerialQueues();

  constructor(
    private readonly store: Store,
    private readonly secret: string,
    private readonly bus: RevocationBus,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Creates a key for `owner`. Without `scope` the owner's tier ceiling is used. An actor who
   * is not a platform admin cannot go above the ceiling (SCOPE_ABOVE_CEILING); a platform
   * admin can, and a scope a platform admin chose for another account's key, or one above the
   * ceiling, is recorded as assigned so it stands when the tier changes. A key created without
   * a chosen scope follows the tier like any other. BAD_USER_INPUT once the owner holds
   * MAX_KEYS_PER_ACCOUNT keys.
   */
  create(actor: Account, owner: Account, name: string, scope?: Scope, client?: ClientInfo): Promise<CreatedApiKey> {
    return this.creates.run(owner.id, () => this.createNow(actor, owner, name, scope, client));
  }

  private async createNow(actor: Account, owner: Account, name: string, scope?: Scope, client?: ClientInfo): Promise<CreatedApiKey> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
      throw KnoudsError.invalidInput([{ path: "name", message: `must be 1 to ${MAX_NAME_LENGTH} characters` }]);
    }
    if (hasControlCharacters(trimmed)) throw KnoudsError.invalidInput([{ path: "name", message: CONTROL_CHARACTERS_MESSAGE }]);
    const ceiling = tierCeiling(owner.tier);
    const chosen = scope ?? ceiling;
    const aboveCeiling = !scopeAtLeast(ceiling, chosen);
    if (aboveCeiling && !actor.isPlatformAdmin) throw KnoudsError.scopeAboveCeiling(chosen, ceiling);
    if ((await this.store.apiKeys.countByAccount(owner.id)) >= MAX_KEYS_PER_ACCOUNT) {
      throw KnoudsError.invalidInput(
        [{ path: "", message: `an account holds at most ${MAX_KEYS_PER_ACCOUNT} keys; delete one before creating another` }],
      );
    }
    const { value, start } = generateKeyValue();
    const record: ApiKeyRecord = {
      id: newId("key"),
      accountId: owner.id,
      name: trimmed,
      scope: chosen,
      scopeAssignedByPlatformAdmin: actor.isPlatformAdmin && scope !== undefined && (aboveCeiling || owner.id !== actor.id),
      digest: digestKey(value, this.secret),
      start,
      createdAt: Date.now(),
      lastUsedAt: null,
    };
    await this.store.apiKeys.create(record);
    this.audit.record({
      type: "key.created",
      accountId: owner.id,
      actor: accountActor(actor),
      key: record,
      details: { scope: chosen },
      client,
    });
    return { apiKey: publicKey(record), value };
  }

  async list(accountId: string): Promise<ApiKey[]> {
    return (await this.store.apiKeys.listByAccount(accountId)).map(publicKey);
  }

  /** Keys of other accounts are NOT_FOUND unless the actor is a platform admin. */
  async find(actor: Account, keyId: string): Promise<ApiKeyRecord> {
    const record = await this.store.apiKeys.findById(keyId);
    if (!record || (record.accountId !== actor.id && !actor.isPlatformAdmin)) throw KnoudsError.notFound();
    return record;
  }

  /** Deletes for good; resolves only after every instance has been told to forget it. */
  async delete(actor: Account, keyId: string, client?: ClientInfo): Promise<ApiKey> {
    await this.find(actor, keyId);
    const removed = await this.store.apiKeys.delete(keyId);
    if (!removed) throw KnoudsError.notFound();
    await this.bus.publish({ kind: "key", keyId: removed.id, digest: removed.digest });
    this.audit.record({ type: "key.deleted", accountId: removed.accountId, actor: accountActor(actor), key: removed, client });
    return publicKey(removed);
  }

  /** Platform admins only (checked by the caller): the scope stands as assigned. */
  async assignScope(actor: Account, keyId: string, scope: Scope, client?: ClientInfo): Promise<ApiKey> {
    const before = await this.store.apiKeys.findById(keyId);
    const updated = before && (await this.store.apiKeys.setScope(keyId, scope, true));
    if (!before || !updated) throw KnoudsError.notFound();
    await this.bus.publish({ kind: "key", keyId: updated.id, digest: updated.digest });
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
}
