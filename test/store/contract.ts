/**
 * The storage contract: every adapter must pass these, so SQLite and MongoDB never drift.
 * Called from sqlite.test.ts (always) and mongo.test.ts (when MONGODB_URI is set).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountRecord, ApiKeyRecord } from "../../src/domain/account.js";
import { KnoudsError } from "../../src/domain/errors.js";
import { newId } from "../../src/domain/ids.js";
import type { Store } from "../../src/store/interface.js";

export type OpenStore = () => Promise<Store>;

export function account(overrides: Partial<AccountRecord> = {}): AccountRecord {
  const id = newId("acc");
  return {
    id,
    // Unique per run, like every id here: the suite can run again against the same database.
    handle: `h-${id.slice(4)}`,
    email: `${id}@example.com`,
    name: "Someone",
    tier: "free",
    isPlatformAdmin: false,
    passwordHash: "scrypt$hash",
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function apiKey(accountId: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  const id = newId("key");
  return {
    id,
    accountId,
    name: "CI",
    scope: "free",
    scopeAssignedByPlatformAdmin: false,
    digest: `digest-${id}`,
    start: "ab12",
    createdAt: 1_700_000_000_000,
    expiresAt: null,
    previousDigest: null,
    previousStart: null,
    graceEndsAt: null,
    lastUsedAt: null,
    lastUsedAddress: null,
    lastUsedUserAgent: null,
    rolledAt: null,
    ...overrides,
  };
}

export function accountsKeysAndSessionsContract(name: string, open: OpenStore): void {
  describe(`${name} store: accounts, keys and sessions`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("creates and finds accounts by id, email and handle", async () => {
      const a = account({ tier: "pro", isPlatformAdmin: true });
      await store.accounts.create(a);
      expect(await store.accounts.findById(a.id)).toEqual(a);
      expect(await store.accounts.findByEmail(a.email)).toEqual(a);
      expect(await store.accounts.findByHandle(a.handle)).toEqual(a);
      expect(await store.accounts.findById("acc_missing")).toBeNull();
      expect(await store.accounts.findByEmail("nobody@example.com")).toBeNull();
      expect(await store.accounts.findByHandle("h-missing")).toBeNull();
    });

    it("refuses a second account with the same handle as CONFLICT naming the handle", async () => {
      const a = account();
      await store.accounts.create(a);
      const twin = account({ handle: a.handle });
      await expect(store.accounts.create(twin)).rejects.toSatisfy(
        (error) => error instanceof KnoudsError && error.code === "CONFLICT" && error.message.includes("handle"),
      );
      expect(await store.accounts.findById(twin.id)).toBeNull();
    });

    it("refuses a second account with the same email as CONFLICT", async () => {
      const a = account();
      await store.accounts.create(a);
      const twin = account({ email: a.email });
      await expect(store.accounts.create(twin)).rejects.toSatisfy(
        (error) => error instanceof KnoudsError && error.code === "CONFLICT" && error.message.includes("email"),
      );
      expect(await store.accounts.findById(twin.id)).toBeNull();
    });

    it("updates tier and platform-admin flag independently", async () => {
      const a = account();
      await store.accounts.create(a);
      expect(await store.accounts.update(a.id, { tier: "business" })).toMatchObject({ tier: "business", isPlatformAdmin: false });
      expect(await store.accounts.update(a.id, { isPlatformAdmin: true })).toMatchObject({ tier: "business", isPlatformAdmin: true });
      expect(await store.accounts.update("acc_missing", { tier: "pro" })).toBeNull();
    });

    it("stores keys and finds them by digest and id", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id, { scope: "deployment" });
      await store.apiKeys.create(k);
      expect(await store.apiKeys.findByDigest(k.digest)).toEqual(k);
      expect(await store.apiKeys.findById(k.id)).toEqual(k);
      expect(await store.apiKeys.findByDigest("nope")).toBeNull();
    });

    it("keeps concurrent key writes apart: one refused write (a taken digest) fails alone", async () => {
      const a = account();
      await store.accounts.create(a);
      const first = apiKey(a.id);
      const twin = apiKey(a.id, { digest: first.digest });
      const third = apiKey(a.id);
      // Issued together, as concurrent requests would: the SQLite adapter commits them as one group.
      const outcomes = await Promise.allSettled([first, twin, third].map((k) => store.apiKeys.create(k)));
      // Which of the two same-digest writes wins may depend on the store; exactly one does.
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "fulfilled", "rejected"]);
      expect(outcomes[2]!.status).toBe("fulfilled");
      const stored = [await store.apiKeys.findById(first.id), await store.apiKeys.findById(twin.id)];
      expect(stored.filter((k) => k !== null)).toHaveLength(1);
      expect(await store.apiKeys.findById(third.id)).toEqual(third);
    });

    it("lists an account's keys newest first and no one else's", async () => {
      const a = account();
      const b = account();
      await store.accounts.create(a);
      await store.accounts.create(b);
      const older = apiKey(a.id, { createdAt: 1 });
      const newer = apiKey(a.id, { createdAt: 2 });
      await store.apiKeys.create(older);
      await store.apiKeys.create(newer);
      await store.apiKeys.create(apiKey(b.id));
      expect((await store.apiKeys.listByAccount(a.id, { after: null, limit: 10 })).map((k) => k.id)).toEqual([newer.id, older.id]);
    });

    it("creates a key only while its account holds fewer than the cap, exactly under parallel calls", async () => {
      const a = account();
      const b = account();
      await store.accounts.create(a);
      await store.accounts.create(b);
      expect(await store.apiKeys.createWithin(apiKey(a.id), 3)).toBe(true);
      expect(await store.apiKeys.createWithin(apiKey(a.id), 3)).toBe(true);
      const racers = Array.from({ length: 4 }, () => apiKey(a.id));
      const outcomes = await Promise.all(racers.map((key) => store.apiKeys.createWithin(key, 3)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await store.apiKeys.countByAccount(a.id)).toBe(3);
      // The refused ones were not stored; another account has its own count.
      const stored = await Promise.all(racers.map((key) => store.apiKeys.findById(key.id)));
      expect(stored.filter((key) => key !== null)).toHaveLength(1);
      expect(await store.apiKeys.createWithin(apiKey(b.id), 3)).toBe(true);
    });

    it("stores every field of a key created within the cap, fresh or not", async () => {
      const a = account();
      await store.accounts.create(a);
      const fresh = apiKey(a.id, { expiresAt: 1_800_000_000_000, scopeAssignedByPlatformAdmin: true, scope: "admin" });
      const used = apiKey(a.id, {
        previousDigest: `previous-${a.id}`,
        previousStart: "cd34",
        graceEndsAt: 1_700_000_100_000,
        lastUsedAt: 1_700_000_050_000,
        lastUsedAddress: "192.0.2.7",
        lastUsedUserAgent: "curl/8.5",
      });
      expect(await store.apiKeys.createWithin(fresh, 5)).toBe(true);
      expect(await store.apiKeys.createWithin(used, 5)).toBe(true);
      expect(await store.apiKeys.findById(fresh.id)).toEqual(fresh);
      expect(await store.apiKeys.findById(used.id)).toEqual(used);
    });

    it("keeps the cap exact when a create written in the same batch fails", async () => {
      const a = account();
      await store.accounts.create(a);
      const existing = apiKey(a.id);
      expect(await store.apiKeys.createWithin(existing, 4)).toBe(true);
      expect(await store.apiKeys.createWithin(apiKey(a.id), 4)).toBe(true);
      // Sent together: the second reuses a stored digest and fails; the first and what follows
      // must count against what is stored, not against a write that was rolled back.
      const ok = apiKey(a.id);
      const clash = apiKey(a.id, { digest: existing.digest });
      const [okCreated, clashCreated] = await Promise.allSettled([store.apiKeys.createWithin(ok, 4), store.apiKeys.createWithin(clash, 4)]);
      expect(okCreated).toEqual({ status: "fulfilled", value: true });
      expect(clashCreated.status).toBe("rejected");
      expect(await store.apiKeys.findById(clash.id)).toBeNull();
      expect(await store.apiKeys.countByAccount(a.id)).toBe(3);
      expect(await store.apiKeys.createWithin(apiKey(a.id), 4)).toBe(true);
      expect(await store.apiKeys.createWithin(apiKey(a.id), 4)).toBe(false);
      expect(await store.apiKeys.countByAccount(a.id)).toBe(4);
    });

    it("counts an account's keys and no one else's", async () => {
      const a = account();
      const b = account();
      await store.accounts.create(a);
      await store.accounts.create(b);
      expect(await store.apiKeys.countByAccount(a.id)).toBe(0);
      const keys = [apiKey(a.id), apiKey(a.id), apiKey(a.id)];
      await Promise.all([...keys, apiKey(b.id)].map((k) => store.apiKeys.create(k)));
      expect(await store.apiKeys.countByAccount(a.id)).toBe(3);
      await store.apiKeys.delete(keys[0]!.id);
      expect(await store.apiKeys.countByAccount(a.id)).toBe(2);
      expect(await store.apiKeys.countByAccount(b.id)).toBe(1);
    });

    it("deletes a key for good and returns what it removed", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id);
      await store.apiKeys.create(k);
      expect(await store.apiKeys.delete(k.id)).toEqual(k);
      expect(await store.apiKeys.findByDigest(k.digest)).toBeNull();
      expect(await store.apiKeys.delete(k.id)).toBeNull();
    });

    it("sets a key's scope and records who assigned it", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id);
      await store.apiKeys.create(k);
      expect(await store.apiKeys.setScope(k.id, "admin", true)).toMatchObject({
        scope: "admin",
        scopeAssignedByPlatformAdmin: true,
      });
      expect(await store.apiKeys.findByDigest(k.digest)).toMatchObject({ scope: "admin" });
      expect(await store.apiKeys.setScope("key_missing", "admin", true)).toBeNull();
    });

    it("records last use in bulk with address and user agent, never moving it backwards", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id);
      await store.apiKeys.create(k);
      await store.apiKeys.recordLastUsed(
        new Map([
          [k.id, { at: 5000, address: "203.0.113.7", userAgent: "ci/1.0" }],
          ["key_missing", { at: 1, address: "::1", userAgent: null }],
        ]),
      );
      await store.apiKeys.recordLastUsed(new Map([[k.id, { at: 4000, address: "198.51.100.1", userAgent: null }]]));
      expect(await store.apiKeys.findById(k.id)).toMatchObject({
        lastUsedAt: 5000,
        lastUsedAddress: "203.0.113.7",
        lastUsedUserAgent: "ci/1.0",
      });
    });

    it("keeps expiry as stored", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id, { expiresAt: 1_800_000_000_000 });
      await store.apiKeys.create(k);
      expect(await store.apiKeys.findByDigest(k.digest)).toEqual(k);
    });

    it("renames a key and nothing else", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id);
      await store.apiKeys.create(k);
      expect(await store.apiKeys.rename(k.id, "deploys")).toEqual({ ...k, name: "deploys" });
      expect(await store.apiKeys.rename("key_missing", "x")).toBeNull();
    });

    it("rolls a key: new digest and start, the previous one found until replaced, only from the current digest", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id, { lastUsedAt: 7, expiresAt: 9_000_000_000_000 });
      await store.apiKeys.create(k);
      const next = {
        digest: `new-${k.id}`,
        start: "cd34",
        previousDigest: k.digest,
        previousStart: k.start,
        graceEndsAt: 123,
        rolledAt: 100,
      };
      const rolled = await store.apiKeys.roll(k.id, k.digest, next);
      expect(rolled).toEqual({ ...k, ...next });
      expect(await store.apiKeys.findByDigest(next.digest)).toEqual(rolled);
      expect(await store.apiKeys.findByDigest(k.digest)).toEqual(rolled);
      // A second roll from the stale digest loses: the first one stands.
      expect(await store.apiKeys.roll(k.id, k.digest, { ...next, digest: "other" })).toBeNull();
      // Rolling again ends the first previous value: only the one just replaced is kept.
      const again = {
        digest: `third-${k.id}`,
        start: "ef56",
        previousDigest: next.digest,
        previousStart: "cd34",
        graceEndsAt: 456,
        rolledAt: 200,
      };
      expect(await store.apiKeys.roll(k.id, next.digest, again)).toMatchObject(again);
      expect(await store.apiKeys.findByDigest(k.digest)).toBeNull();
      expect((await store.apiKeys.findByDigest(next.digest))?.id).toBe(k.id);
      // Grace 0: no previous value at all.
      const none = { digest: `fourth-${k.id}`, start: "gh78", previousDigest: null, previousStart: null, graceEndsAt: null, rolledAt: 300 };
      expect(await store.apiKeys.roll(k.id, again.digest, none)).toMatchObject(none);
      expect(await store.apiKeys.findByDigest(again.digest)).toBeNull();
      expect(await store.apiKeys.roll("key_missing", "x", none)).toBeNull();
      expect(await store.apiKeys.delete(k.id)).toMatchObject(none);
    });

    it("lets exactly one of concurrent rolls from one digest win, and keeps when the key was rolled", async () => {
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id);
      await store.apiKeys.create(k);
      expect((await store.apiKeys.findById(k.id))?.rolledAt).toBeNull();
      const rolls = Array.from({ length: 8 }, (_, i) => ({
        digest: `racer-${i}-${k.id}`,
        start: `r${i}`,
        previousDigest: k.digest,
        previousStart: k.start,
        graceEndsAt: 5_000 + i,
        rolledAt: 1_000 + i,
      }));
      const answers = await Promise.all(rolls.map((next) => store.apiKeys.roll(k.id, k.digest, next)));
      const winners = answers.filter((answer) => answer !== null);
      expect(winners).toHaveLength(1);
      const won = rolls.find((next) => next.digest === winners[0]!.digest)!;
      expect(winners[0]).toEqual({ ...k, ...won });
      expect(await store.apiKeys.findById(k.id)).toEqual({ ...k, ...won });
      for (const lost of rolls.filter((next) => next !== won)) expect(await store.apiKeys.findByDigest(lost.digest)).toBeNull();
    });

    it("finds sessions until they expire, and deletes them", async () => {
      const a = account();
      await store.accounts.create(a);
      const [s1, s2] = [`s1-${a.id}`, `s2-${a.id}`];
      await store.sessions.create({ digest: s1, accountId: a.id, createdAt: 0, expiresAt: 1000 });
      await store.sessions.create({ digest: s2, accountId: a.id, createdAt: 0, expiresAt: 5000 });
      expect(await store.sessions.findByDigest(s1, 999)).toMatchObject({ accountId: a.id });
      expect(await store.sessions.findByDigest(s1, 1000)).toBeNull();
      expect(await store.sessions.accountFor(s1, 999)).toEqual(a);
      expect(await store.sessions.accountFor(s1, 1000)).toBeNull();
      expect(await store.sessions.accountFor(`unknown-${a.id}`, 0)).toBeNull();
      // Exactly this suite's expired session: nothing else in a shared database expires before 2000.
      expect(await store.sessions.deleteExpired(2000)).toBe(1);
      expect(await store.sessions.findByDigest(s1, 0)).toBeNull();
      expect(await store.sessions.findByDigest(s2, 0)).toMatchObject({ accountId: a.id });
      await store.sessions.delete(s2);
      expect(await store.sessions.findByDigest(s2, 0)).toBeNull();
      expect(await store.sessions.accountFor(s2, 0)).toBeNull();
    });

    it("counts changes not broadcast, every bump once, also when bumped at once from many callers", async () => {
      const before = await store.missedBroadcasts.count();
      await Promise.all(Array.from({ length: 10 }, () => store.missedBroadcasts.bump()));
      expect(await store.missedBroadcasts.count()).toBe(before + 10);
    });

    it("answers ping", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
