import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { newId } from "../../src/domain/ids.js";
import { RunRetention } from "../../src/runtime/run-retention.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { createKey, signUp } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { startServer, tempDataDir, type TestServer } from "../support/server.js";
import { RunById } from "../support/workflow-operations.js";

const DAY = 86_400_000;

describe("run retention on a serving server (clock injected)", () => {
  let server: TestServer;
  let clock = Date.now();
  let key: Client;
  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_RUN_RETENTION_DAYS: "30" }, now: () => clock });
    const owner = await signUp(server, { tier: "business" });
    key = new Client(server.url, (await createKey(owner, "admin")).value);
  });
  afterAll(() => server.stop());

  const runHello = async () => {
    const ran = await key.request("POST", "/api/workflows/knouds/hello-world/run", { inputs: { name: "Ada" } });
    expect(ran.status).toBe(200);
    return (ran.body as { runId: string }).runId;
  };

  it("answers a pruned run with 404 on REST and GraphQL, exactly like an unknown one", async () => {
    const runId = await runHello();
    expect((await key.request("GET", `/api/runs/${runId}`)).status).toBe(200);
    expect((await key.graphql(RunById, { id: runId })).data?.run?.id).toBe(runId);

    clock = Date.now() + 29 * DAY;
    expect(await server.server.services.runRetention!.sweep()).toBe(0);
    expect((await key.request("GET", `/api/runs/${runId}`)).status).toBe(200);

    clock = Date.now() + 31 * DAY;
    expect(await server.server.services.runRetention!.sweep()).toBeGreaterThanOrEqual(1);
    const unknownId = newId("run");
    const [pruned, unknown] = [await key.request("GET", `/api/runs/${runId}`), await key.request("GET", `/api/runs/${unknownId}`)];
    expect(pruned.status).toBe(404);
    expect(pruned.text).toBe(unknown.text);
    expect(pruned.text).toBe('{"error":"Not Found"}');
    const [prunedGql, unknownGql] = [await key.graphql(RunById, { id: runId }), await key.graphql(RunById, { id: unknownId })];
    expect(prunedGql.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    expect(prunedGql.data).toBeNull();
    expect(prunedGql.text.replace(runId, "ID")).toBe(unknownGql.text.replace(unknownId, "ID"));
  });

  it("goes on serving the key that made the pruned runs, and its new runs", async () => {
    const later = await runHello();
    expect((await key.request("GET", `/api/runs/${later}`)).status).toBe(200);
  });
});

describe("KNOUDS_RUN_RETENTION_DAYS", () => {
  it("defaults to 30 days, keeps runs forever with 0, and refuses anything but whole days", async () => {
    expect(loadConfig({}).runRetentionMs).toBe(30 * DAY);
    expect(loadConfig({ KNOUDS_RUN_RETENTION_DAYS: "7" }).runRetentionMs).toBe(7 * DAY);
    expect(loadConfig({ KNOUDS_RUN_RETENTION_DAYS: "0" }).runRetentionMs).toBeNull();
    for (const bad of ["-1", "1.5", "forever", "36501"]) {
      expect(() => loadConfig({ KNOUDS_RUN_RETENTION_DAYS: bad }), bad).toThrow(ConfigError);
      try {
        loadConfig({ KNOUDS_RUN_RETENTION_DAYS: bad });
      } catch (error) {
        expect((error as ConfigError).problems.join()).toMatch(/^KNOUDS_RUN_RETENTION_DAYS: /);
      }
    }
    const forever = await startServer({ env: { KNOUDS_RUN_RETENTION_DAYS: "0" } });
    expect(forever.server.services.runRetention).toBeNull();
    await forever.stop();
  });
});

describe("the retention timer", () => {
  it("sweeps by itself, off the request path, until it is closed", async () => {
    const store = openSqliteStore(join(tempDataDir(), "knouds.db"));
    const old = {
      ...{
        id: newId("run"),
        workflowId: "wf",
        modelId: null,
        accountId: "acc_x",
        keyId: "key_x",
        keyName: "k",
        status: "succeeded" as const,
      },
      ...{ inputs: {}, outputs: {}, error: null, startedAt: 1000, finishedAt: 1001, durationMs: 1 },
    };
    await store.runs.create(old);
    const logger = pino({ level: "silent" });
    const retention = new RunRetention({ runs: store.runs, retentionMs: DAY, now: Date.now, logger, intervalMs: 50 });
    retention.start();
    const deadline = Date.now() + 10_000;
    while ((await store.runs.findById(old.id)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await store.runs.findById(old.id)).toBeNull();
    await retention.close();
    await store.runs.create({ ...old, id: newId("run") });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await store.runs.deleteStartedBefore(2000, 10)).toBe(1);
    await store.close();
  });
});
