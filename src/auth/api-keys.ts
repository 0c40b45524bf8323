import type { Account, ApiKey, ApiKeyRecord } from "../domain/account.js";
import { KnoudsError } from "../domain/errors.js";
import { newId } from "../domain/ids.js";
import { digestKey, generateKeyValue } from "../domain/keys.js";
import { scopeAtLeast, tierCeiling, type Scope } from "../domain/scopes.js";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "../domain/text.js";
import type { Store } from "../store/interface.js";
import type { RevocationBus } from "./revocation.js";

const MAX_NAME_LENGTH = 100;

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
  constructor(
    private readonly store: Store,
    private readonly secret: string,
    private readonly bus: RevocationBus,
  ) {}

  /**
   * Creates a key for `owner`. Without `scope` the owner's tier ceiling is used. An actor who
   * is not a platform admin cannot go above the ceiling (SCOPE_ABOVE_CEILING); a platform
   * admin can, and a scope a platform admin gives another account's key, or one above the
   * ceiling, is recorded as assigned so it stands when the tier changes.
   */
  async create(actor: Account, owner: Account, name: string, scope?: Scope): Promise<CreatedApiKey> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
      throw KnoudsError.invalidInput([{ path: "name", message: `must be 1 to ${MAX_NAME_LENGTH} characters` }]);
    }
    if (hasControlCharacters(trimmed)) throw KnoudsError.invalidInput([{ path: "name", message: CONTROL_CHARACTERS_MESSAGE }]);
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
      scopeAssignedByPlatformAdmin: actor.isPlatformAdmin && (aboveCeiling || owner.id !== actor.id),
      digest: digestKey(value, this.secret),
      start,
      createdAt: Date.now(),
      lastUsedAt: null,
    };
    await this.store.apiKeys.create(record);
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
  async delete(actor: Account, keyId: string): Promise<ApiKey> {
    await this.find(actor, keyId);
    const removed = await this.store.apiKeys.delete(keyId);
    if (!removed) throw KnoudsError.notFound();
    await this.bus.publish({ kind: "key", keyId: removed.id, digest: removed.digest });
    return publicKey(removed);
  }

  /** Platform admins only (checked by the caller): the scope stands as assigned. */
  async assignScope(keyId: string, scope: Scope): Promise<ApiKey> {
    const updated = await this.store.apiKeys.setScope(keyId, scope, true);
    if (!updated) throw KnoudsError.notFound();
    await this.bus.publish({ kind: "key", keyId: updated.id, digest: updated.digest });
    return publicKey(updated);
  }
}
