import { LRUCache } from "lru-cache";
import type { Account, ApiKeyRecord } from "../domain/account.js";
import { digestKey, isWellFormedKey } from "../domain/keys.js";
import { WriteBehind } from "../lib/write-behind.js";
import { effectiveScope } from "../domain/scopes.js";
import { lastUsedAddress, lastUsedUserAgent, valueStanding } from "../domain/key-lifecycle.js";
import type { KeyUse, Store } from "../store/interface.js";
import type { KeyPrincipal } from "../domain/principal.js";
import type { RevocationBus } from "./revocation.js";

const MISSING = Symbol("missing");
type CachedKey = ApiKeyRecord | typeof MISSING;

function publicAccount(record: Account): Account {
  const { id, handle, email, name, tier, isPlatformAdmin, createdAt } = record;
  return { id, handle, email, name, tier, isPlatformAdmin, createdAt };
}

function publicKey(record: ApiKeyRecord) {
  const { digest: _digest, previousDigest: _previousDigest, ...key } = record;
  return key;
}

/**
 * What checking a key value found. Every refusal answers the same 401; the reason is for
 * metrics, usage counts and the audit log.
 */
export type KeyVerification =
  | { outcome: "VALID"; principal: KeyPrincipal; keyId: string }
  /** No value was sent. */
  | { outcome: "MISSING" }
  /** Wrong shape or checksum: refused without a store lookup. */
  | { outcome: "MALFORMED" }
  /** No key has this value (never had, or deleted). */
  | { outcome: "NOT_FOUND" }
  /** The key's expiry has passed. */
  | { outcome: "EXPIRED"; keyId: string; keyName: string; accountId: string }
  /** The value is a rolled key's previous one and its grace has ended. */
  | { outcome: "ROLLED_OUT"; keyId: string; keyName: string; accountId: string }
  /** The key's account is gone. */
  | { outcome: "ACCOUNT_NOT_FOUND"; keyId: string };

/** Where a use came from, for "last used"; the user agent is cleaned when written, off the request path. */
export interface KeyUseSource {
  address: string;
  userAgent: string | undefined;
}

interface PendingUse {
  at: number;
  address: string;
  userAgent: string | undefined;
}

/** A last use as it is written: the pending use, and the cleaned details the store gets. */
interface LastUseRow {
  id: string;
  pending: PendingUse;
  use: KeyUse;
}

export interface KeyVerifierOptions {
  store: Store;
  secret: string;
  bus: RevocationBus;
  /** How long a verification may be reused without asking the store; 0 disables caching. */
  cacheTtlMs: number;
  maxCachedKeys?: number;
  /** How often last uses are written back in bulk. */
  lastUsedFlushMs?: number;
}

/**
 * `x-api-key` value -> principal. Malformed values are refused by the checksum without a
 * store query; verifications (including "no such key") are cached, and revocation events
 * drop them at once. While revocations may be missed (Redis away), nothing is read from or
 * written to the caches: each check reads the key and its account from the store. A
 * generation counter keeps a lookup that raced a revocation from caching what it read.
 */
export class KeyVerifier {
  private readonly keys: LRUCache<string, CachedKey>;
  private readonly accounts: LRUCache<string, Account>;
  private readonly lastUsed = new Map<string, PendingUse>();
  private readonly lastUseWrites: WriteBehind<LastUseRow>;
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
    this.lastUseWrites = new WriteBehind<LastUseRow>(
      {
        take: () => {
          const rows = [...this.lastUsed].map(([id, pending]) => ({
            id,
            pending,
            use: { at: pending.at, address: lastUsedAddress(pending.address), userAgent: lastUsedUserAgent(pending.userAgent) },
          }));
          this.lastUsed.clear();
          return rows;
        },
        write: (rows) => this.options.store.apiKeys.recordLastUsed(new Map(rows.map((row) => [row.id, row.use]))),
        // Retried with the next flush, unless a newer use came in meanwhile.
        putBack: (rows) => {
          for (const row of rows) if (!this.lastUsed.has(row.id)) this.lastUsed.set(row.id, row.pending);
        },
      },
      // A failed write is retried with the next flush; "last used" is advisory, so nothing is logged.
      { flushMs: options.lastUsedFlushMs ?? 5000, onError: () => {} },
    );
  }

  /**
   * Checks a value; never throws for bad input. Expiry and grace are judged on every call, so
   * a cached key stops working the millisecond either passes, on every instance.
   */
  async verify(value: string | undefined, source: KeyUseSource): Promise<KeyVerification> {
    if (!value) return { outcome: "MISSING" };
    if (!isWellFormedKey(value)) return { outcome: "MALFORMED" };
    const digest = digestKey(value, this.options.secret);
    const key = await this.lookupKey(digest);
    if (!key) return { outcome: "NOT_FOUND" };
    const account = await this.lookupAccount(key.accountId);
    if (!account) return { outcome: "ACCOUNT_NOT_FOUND", keyId: key.id };
    return this.judge(key, digest, account, source);
  }

  /** The answer from the cache alone: undefined when giving it would take a store lookup. */
  verifyFromCache(value: string | undefined, source: KeyUseSource): KeyVerification | undefined {
    if (!value) return { outcome: "MISSING" };
    if (!isWellFormedKey(value)) return { outcome: "MALFORMED" };
    if (!this.caching()) return undefined;
    const digest = digestKey(value, this.options.secret);
    const key = this.keys.get(digest);
    if (key === undefined) return undefined;
    if (key === MISSING) return { outcome: "NOT_FOUND" };
    const account = this.accounts.get(key.accountId);
    return account ? this.judge(key, digest, account, source) : undefined;
  }

  /** Grows with every revocation event received; a caller compares it before and after a wait. */
  get revocations(): number {
    return this.generation;
  }

  private judge(key: ApiKeyRecord, digest: string, account: Account, source: KeyUseSource): KeyVerification {
    const now = Date.now();
    const outcome = valueStanding(key, digest, now);
    if (outcome !== "VALID") return { outcome, keyId: key.id, keyName: key.name, accountId: key.accountId };
    this.lastUsed.set(key.id, { at: now, address: source.address, userAgent: source.userAgent });
    return { outcome, keyId: key.id, principal: { key: publicKey(key), account, scope: effectiveScope(key, account.tier) } };
  }

  /**
   * Whether the caches may be read and filled: not while the bus may be missing revocations
   * (Redis away), when every check goes to the store. The bus drops every cache before it
   * says it is listening again, and a lookup that spanned the change is not cached (generation).
   */
  private caching(): boolean {
    return this.options.cacheTtlMs > 0 && this.options.bus.listening;
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

  /** Writes pending last uses (time, address, cleaned user agent); failures are retried on the next flush. */
  flushLastUsed(): Promise<void> {
    return this.lastUseWrites.flush();
  }

  close(): Promise<void> {
    return this.lastUseWrites.close();
  }
}
