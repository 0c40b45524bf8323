/**
 * The storage contract for events: usage buckets add up across writers and are pruned by age;
 * audit events append, page by id both ways, and are deleted by age in bounded batches.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/domain/audit-event.js";
import { newId } from "../../src/domain/ids.js";
import type { Store } from "../../src/store/interface.js";
import type { UsageDelta } from "../../src/domain/usage.js";
import { account, apiKey, type OpenStore } from "./contract.js";

const HOUR = 3_600_000;
const DAY = 86_400_000;

function delta(keyId: string, period: "hour" | "day", start: number, counts: Partial<UsageDelta> = {}): UsageDelta {
  return { keyId, period, start, ok: 0, scopeDenied: 0, rateLimited: 0, otherErrors: 0, ...counts };
}

function event(accountId: string, at: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: `evt_${at.toString(36).padStart(9, "0")}${newId("evt").slice(-12)}`,
    accountId,
    type: "key.created",
    at,
    actor: { kind: "account", accountId, email: "someone@example.com", platformAdmin: false },
    key: { id: "key_1", name: "CI" },
    details: { scope: "free" },
    client: { address: "127.0.0.1", userAgent: "curl/8.5" },
    ...overrides,
  };
}

export function eventsContract(name: string, open: OpenStore): void {
  describe(`${name} store: usage buckets and audit events`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("adds usage deltas into existing buckets, per key, period and start", async () => {
      const key = newId("key");
      const other = newId("key");
      const hour = 1_700_000_000_000 - (1_700_000_000_000 % HOUR);
      await store.usage.add([
        delta(key, "hour", hour, { ok: 3, scopeDenied: 1 }),
        delta(key, "day", hour - (hour % DAY), { ok: 3, scopeDenied: 1 }),
      ]);
      // A second writer (another instance) adding to the same buckets, and a new hour.
      await Promise.all([
        store.usage.add([delta(key, "hour", hour, { ok: 2, rateLimited: 5, otherErrors: 1 })]),
        store.usage.add([delta(key, "hour", hour + HOUR, { ok: 1 }), delta(other, "hour", hour, { ok: 9 })]),
      ]);
      expect(await store.usage.buckets(key, "hour", hour)).toEqual([
        { start: hour, ok: 5, scopeDenied: 1, rateLimited: 5, otherErrors: 1 },
        { start: hour + HOUR, ok: 1, scopeDenied: 0, rateLimited: 0, otherErrors: 0 },
      ]);
      expect(await store.usage.buckets(key, "hour", hour + 1)).toHaveLength(1);
      expect(await store.usage.buckets(key, "day", 0)).toEqual([
        { start: hour - (hour % DAY), ok: 3, scopeDenied: 1, rateLimited: 0, otherErrors: 0 },
      ]);
      expect(await store.usage.buckets(other, "day", 0)).toEqual([]);
    });

    it("adds a flush of many deltas (more than one statement's worth), the same bucket several times in one", async () => {
      const hour = 1_700_000_000_000 - (1_700_000_000_000 % HOUR);
      const keys = Array.from({ length: 40 }, () => newId("key"));
      // 120 deltas: each key's hour bucket three times (ok 1, 2, 3) and its day bucket once, in an order that
      // puts one bucket's deltas side by side and others far apart.
      const deltas = [
        ...keys.flatMap((key) => [delta(key, "hour", hour, { ok: 1 }), delta(key, "hour", hour, { ok: 2, rateLimited: 1 })]),
        ...keys.map((key) => delta(key, "day", hour - (hour % DAY), { ok: 6 })),
        ...keys.map((key) => delta(key, "hour", hour, { ok: 3, otherErrors: 2 })),
      ];
      await store.usage.add(deltas);
      await store.usage.add(deltas.slice(0, 7));
      for (const [i, key] of keys.entries()) {
        const again = i < 3 ? 3 : i === 3 ? 1 : 0; // the first 7 deltas again: keys 0–2 twice, key 3 once
        expect(await store.usage.buckets(key, "hour", 0)).toEqual([
          { start: hour, ok: 6 + again, scopeDenied: 0, rateLimited: 1 + (i < 3 ? 1 : 0), otherErrors: 2 },
        ]);
        expect(await store.usage.buckets(key, "day", 0)).toEqual([
          { start: hour - (hour % DAY), ok: 6, scopeDenied: 0, rateLimited: 0, otherErrors: 0 },
        ]);
      }
    });

    it("deletes usage buckets of one period older than a time", async () => {
      const key = newId("key");
      await store.usage.add([
        delta(key, "hour", HOUR, { ok: 1 }),
        delta(key, "hour", 5 * HOUR, { ok: 1 }),
        delta(key, "day", 0, { ok: 2 }),
      ]);
      expect(await store.usage.deleteBefore("hour", 5 * HOUR)).toBe(1);
      expect((await store.usage.buckets(key, "hour", 0)).map((b) => b.start)).toEqual([5 * HOUR]);
      expect(await store.usage.buckets(key, "day", 0)).toHaveLength(1);
    });

    it("appends audit events and pages them newest first, both ways, one account only", async () => {
      const accountId = newId("acc");
      const events = [1, 2, 3, 4, 5].map((n) => event(accountId, 1_700_000_000_000 + n * 1000));
      await store.audit.append(events.slice(0, 3));
      await store.audit.append([...events.slice(3), event(newId("acc"), 1_700_000_000_000)]);
      const ids = events.map((e) => e.id);
      expect(await store.audit.list({ accountId, limit: 10 })).toEqual([...events].reverse());
      expect((await store.audit.list({ accountId, limit: 2 })).map((e) => e.id)).toEqual([ids[4], ids[3]]);
      expect((await store.audit.list({ accountId, olderThan: ids[3], limit: 2 })).map((e) => e.id)).toEqual([ids[2], ids[1]]);
      expect((await store.audit.list({ accountId, newerThan: ids[1], limit: 2, oldestFirst: true })).map((e) => e.id)).toEqual([
        ids[2],
        ids[3],
      ]);
      expect((await store.audit.list({ accountId, newerThan: ids[0], olderThan: ids[4], limit: 10 })).map((e) => e.id)).toEqual([
        ids[3],
        ids[2],
        ids[1],
      ]);
    });

    it("keeps an event sent again in a retried batch once, and stores the rest of that batch", async () => {
      const accountId = newId("acc");
      const [first, second, third] = [1, 2, 3].map((n) => event(accountId, 1_700_000_000_000 + n * 1000));
      await store.audit.append([first!, second!]);
      await store.audit.append([first!, second!, third!]);
      expect(await store.audit.list({ accountId, limit: 10 })).toEqual([third, second, first]);
    });

    it("stores a batch of many events in order, each once, however the store splits it", async () => {
      const accountId = newId("acc");
      const events = Array.from({ length: 61 }, (_, n) => event(accountId, 1_700_000_000_000 + n * 1000));
      await store.audit.append(events.slice(0, 7));
      // The first seven again, inside a longer batch: kept once.
      await store.audit.append(events);
      expect(await store.audit.list({ accountId, limit: 100, oldestFirst: true })).toEqual(events);
    });

    it("keeps events without key or client as recorded", async () => {
      const accountId = newId("acc");
      const bare = event(accountId, 1_700_000_000_000, {
        type: "account.tier_changed",
        actor: { kind: "operator" },
        key: null,
        client: null,
        details: { tier: "pro", previousTier: "free" },
      });
      await store.audit.append([bare]);
      expect(await store.audit.list({ accountId, limit: 1 })).toEqual([bare]);
    });

    it("stores a key's creation events with the key, and neither when the cap refuses the key", async () => {
      const owner = account();
      await store.accounts.create(owner);
      const first = apiKey(owner.id);
      const created = event(owner.id, 1_700_000_001_000, { key: { id: first.id, name: first.name } });
      expect(await store.apiKeys.createWithin(first, 1, [created])).toBe(true);
      expect(await store.audit.list({ accountId: owner.id, limit: 10 })).toEqual([created]);
      const refused = apiKey(owner.id);
      const notCreated = event(owner.id, 1_700_000_002_000, { key: { id: refused.id, name: refused.name } });
      expect(await store.apiKeys.createWithin(refused, 1, [notCreated])).toBe(false);
      expect(await store.apiKeys.findById(refused.id)).toBeNull();
      expect(await store.audit.list({ accountId: owner.id, limit: 10 })).toEqual([created]);
      // Without events, as fixtures create keys: the key alone.
      const other = account();
      await store.accounts.create(other);
      expect(await store.apiKeys.createWithin(apiKey(other.id), 1)).toBe(true);
      expect(await store.audit.list({ accountId: other.id, limit: 10 })).toEqual([]);
    });

    it("deletes audit events older than a time, at most `limit` at once", async () => {
      const accountId = newId("acc");
      const old = [1, 2, 3].map((n) => event(accountId, n * 1000));
      const recent = event(accountId, 10_000);
      await store.audit.append([...old, recent]);
      expect(await store.audit.deleteBefore(5000, 2)).toBe(2);
      expect(await store.audit.deleteBefore(5000, 2)).toBe(1);
      expect(await store.audit.deleteBefore(5000, 2)).toBe(0);
      expect(await store.audit.list({ accountId, limit: 10 })).toEqual([recent]);
    });
  });
}
