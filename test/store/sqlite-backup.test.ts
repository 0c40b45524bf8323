import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids.js";
import type { Run } from "../../src/domain/run.js";
import { backupSqliteStore } from "../../src/store/sqlite/backup.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { tempDataDir } from "../support/server.js";
import { account, apiKey } from "./contract.js";

function aRun(accountId: string, keyId: string): Run {
  const now = Date.now();
  return {
    ...{ id: newId("run"), workflowId: "wf", modelId: null, accountId, keyId, keyName: null, status: "succeeded" },
    ...{ inputs: { n: 1 }, outputs: null, error: null, startedAt: now, finishedAt: now, durationMs: 0 },
  };
}

describe("SQLite online backup", () => {
  it("copies every write acknowledged before it started, while writes go on, into an intact store", async () => {
    const file = join(tempDataDir(), "knouds.db");
    const store = openSqliteStore(file);
    const owner = account();
    await store.accounts.create(owner);
    const key = apiKey(owner.id);
    await store.apiKeys.create(key);
    const acknowledged: string[] = [];
    let stopped = false;
    // Group commits of a few runs each, as a serving server makes them; the newest live only in the WAL.
    const writer = (async () => {
      while (!stopped) {
        const runs = Array.from({ length: 5 }, () => aRun(owner.id, key.id));
        await Promise.all(runs.map((r) => store.runs.create(r)));
        acknowledged.push(...runs.map((r) => r.id));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = [...acknowledged];
    const target = join(tempDataDir(), "copy.db");
    const copying = backupSqliteStore(file, target, { replace: false });
    await copying;
    const afterCount = acknowledged.length;
    stopped = true;
    await writer;
    await store.close();
    expect(afterCount).toBeGreaterThan(before.length);

    const copy = openSqliteStore(target);
    for (const id of before) expect(await copy.runs.findById(id), id).not.toBeNull();
    expect(await copy.apiKeys.findByDigest(key.digest)).toEqual(key);
    await copy.close();
  });
});
