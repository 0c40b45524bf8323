/** The storage contract for run retention (the pruner included, its clock injected); see contract.ts. */
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids.js";
import type { Run } from "../../src/domain/run.js";
import { RunRetention } from "../../src/runtime/run-retention.js";
import type { Store } from "../../src/store/interface.js";
import { account, apiKey, type OpenStore } from "./contract.js";

const DAY = 86_400_000;

function runStartedAt(accountId: string, keyId: string, startedAt: number): Run {
  return {
    id: newId("run"),
    workflowId: "wf",
    modelId: null,
    accountId,
    keyId,
    keyName: null,
    status: "succeeded",
    inputs: { n: startedAt },
    outputs: { ok: true },
    error: null,
    startedAt,
    finishedAt: startedAt + 5,
    durationMs: 5,
  };
}

export function runRetentionContract(name: string, open: OpenStore): void {
  describe(`${name} store: run retention`, () => {
    let store: Store;
    let accountId: string;
    let keyId: string;
    beforeEach(async () => {
      store = await open();
      // Retention is store-wide: start with no runs (the MongoDB half shares one database across tests).
      while ((await store.runs.deleteStartedBefore(Number.MAX_SAFE_INTEGER, 1000)) > 0);
      const a = account();
      await store.accounts.create(a);
      const k = apiKey(a.id);
      await store.apiKeys.create(k);
      accountId = a.id;
      keyId = k.id;
    });
    afterEach(async () => {
      await store.close();
    });

    const make = async (startTimes: number[]) => {
      const runs = startTimes.map((t) => runStartedAt(accountId, keyId, t));
      await Promise.all(runs.map((r) => store.runs.create(r)));
      return runs;
    };
    const present = async (runs: Run[]) =>
      (await Promise.all(runs.map((r) => store.runs.findById(r.id)))).filter((r) => r !== null).map((r) => r.startedAt);

    it("deletes at most `limit` runs that started before the cutoff, oldest first, and nothing else", async () => {
      const runs = await make([5000, 1000, 4000, 2000, 3000]);
      expect(await store.runs.deleteStartedBefore(4000, 2)).toBe(2);
      expect((await present(runs)).sort()).toEqual([3000, 4000, 5000]);
      expect(await store.runs.deleteStartedBefore(4000, 2)).toBe(1);
      expect(await store.runs.deleteStartedBefore(4000, 2)).toBe(0);
      expect((await present(runs)).sort()).toEqual([4000, 5000]);
      // The run at the cutoff itself is kept; the account and key the runs belonged to are untouched.
      expect(await store.runs.findById(runs[2]!.id)).toEqual(runs[2]);
      expect(await store.accounts.findById(accountId)).not.toBeNull();
      expect(await store.apiKeys.findById(keyId)).not.toBeNull();
    });

    it("prunes every run older than the retention in batches, by the injected clock, and keeps the rest", async () => {
      const now = 100 * DAY;
      let clock = now;
      const old = await make([1, 2, 3, 4, 5, 6, 7].map((d) => now - 30 * DAY - d * 1000));
      const fresh = await make([now - 29 * DAY, now - 1000]);
      const retention = new RunRetention({
        runs: store.runs,
        retentionMs: 30 * DAY,
        now: () => clock,
        logger: pino({ level: "silent" }),
        batchSize: 3,
        pauseMs: 0,
      });
      expect(await retention.sweep()).toBe(7);
      expect(await present(old)).toEqual([]);
      expect(await present(fresh)).toEqual(fresh.map((r) => r.startedAt));
      expect(await retention.sweep()).toBe(0);

      clock = now + 2 * DAY;
      expect(await retention.sweep()).toBe(1);
      expect(await present(fresh)).toEqual([now - 1000]);
      await retention.close();
    });
  });
}
