import { LRUCache } from "lru-cache";
import type { Account, ApiKeyRecord } from "../domain/account.js";
import { digestKey, isWellFormedKey } from "../domain/keys.js";
import { effectiveScope } from "../domain/scopes.js";
import type { Store } from "../store/interface.js";
import type { KeyPrincipal } from "./principal.js";
import type { RevocationBus } from "./revocation.js";

const MISSING = Symbol("missing");
type CachedKey = ApiKeyRecord | typeof MISSING;

function publicAccount(record: Account): Account {
  const { id, handle, email, name, tier, isPlatformAdmin, createdAt } = record;
  return { id, handle, email, name, tier, isPlatformAdmin, createdAt };
}

function publicKey(record: ApiKeyRecord) {
  const { digest: _digest, ...key } = record;
  return key;
}

export interface KeyVerifierOptions {
  store: Store;
  secret: string;
  bus: RevocationBus;
  /** How long a verification may be reused without asking the store; 0 disables caching. */
  cacheTtlMs: number;
  maxCachedKeys?: number;
  /** How often last-use times are written back in bulk. */
  lastUsedFlushMs?: number;
}

/**
 * `x-api-key` value -> principal. Malformed values are refused by the checksum without a
 * store query; verifications (including "no such key") are cached, and revocation events
 * drop them at once. A generation counter keeps a lookup that raced a revocation from
 * caching what it read.
 */
export class KeyVerifier {
  private readonly keys: LRUCache<string, CachedKey>;
  private readonly accounts: LRUCache<string, Account>;
  private readonly lastUsed = new Map<string, number>();
  private readonly flushTimer: NodeJS.Timeout;
  private generation = 0;
  /** Counts store lookups; the tests use it to prove the checksum short-circuit. */
  storeLookups = 0;

  constructor(private readonly options: KeyVerifierOptions) {
    const ttl = Math.max(options.cacheTtlMs, 1);
    const max = options.maxCachedKeys ?? 100_000;
    this.keys = new LRUCache({ max, ttl, ttlAutopurge: false });
    this.accounts = new LRUCache({ max, ttl, ttlAutopurge: false });
    options.bus.subscribe((event) => {
      if (event.kind === "workflow") return;
      this.generation++;
      if (event.kind === "key") this.keys.delete(event.digest);
      else if (event.kind === "account") this.accounts.delete(event.accountId);
      else {
        this.keys.clear();
        this.accounts.clear();
      }
    });
    this.flushTimer = setInterval(() => void this.flushLastUsed(), options.lastUsedFlushMs ?? 5000);
    this.flushTimer.unref();
  }

  /** Returns null for absent, malformed, unknown or deleted keys; never throws for bad input. */
  async verify(value: string | undefined): Promise<KeyPrincipal | null> {
    if (!value || !isWellFormedKey(value)) return null;
    const digest = digestKey(value, this.options.secret);
    const key = await this.lookupKey(digest);
    if (!key) return null;
    const account = await this.lookupAccount(key.accountId);
    if (!account) return null;
    return this.principal(key, account);
  }

  /** The answer from the cache alone: undefined when giving it would take a store lookup. */
  verifyFromCache(value: string | undefined): KeyPrincipal | null | undefined {
    if (!value || !isWellFormedKey(value)) return null;
    if (!this.caching()) return undefined;
    const key = this.keys.get(digestKey(value, this.options.secret));
    if (key === undefined || key === MISSING) return key === MISSING ? null : undefined;
    const account = this.accounts.get(key.accountId);
    return account ? this.principal(key, account) : undefined;
  }

  /** Grows with every revocation event received; a caller compares it before and after a wait. */
  get revocations(): number {
    return this.generation;
  }

  private principal(key: ApiKeyRecord, account: Account): KeyPrincipal {
    this.lastUsed.set(key.id, Date.now());
    return { key: publicKey(key), account, scope: effectiveScope(key, account.tier) };
  }

  private caching(): boolean {
    return this.options.cacheTtlMs > 0;
  }

  private async lookupKey(digest: string): Promise<ApiKeyRecord | null> {
    const cached = this.caching() ? this.keys.get(digest) : undefined;
    if (cached !== undefined) return cached === MISSING ? null : cached;
    const generation = this.generation;
    this.storeLookups++;
    const found = await this.options.store.apiKeys.findByDigest(digest);
    if (this.caching() && generation === this.generation) this.keys.set(digest, found ?? MISSING);
    return found;
  }

  private async lookupAccount(accountId: string): Promise<Account | null> {
    const cached = this.caching() ? this.accounts.get(accountId) : undefined;
    if (cached) return cached;
    const generation = this.generation;
    const found = await this.options.store.accounts.findById(accountId);
    if (!found) return null;
    const account = publicAccount(found);
    if (this.caching() && generation === this.generation) this.accounts.set(accountId, account);
    return account;
  }

  /** Writes pending last-use times; failures are retried on the next flush. */
  async flushLastUsed(): Promise<void> {
    if (this.lastUsed.size === 0) return;
    const batch = new Map(this.lastUsed);
    this.lastUsed.clear();
    try {
      await this.options.store.apiKeys.recordLastUsed(batch);
    } catch {
      for (const [id, at] of batch) if (!this.lastUsed.has(id)) this.lastUsed.set(id, at);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushLastUsed();
  }
}
