import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { Viewer } from "../support/operations.js";
import { run, startProcess } from "../support/process.js";
import { startServer, tempDataDir, type TestServer } from "../support/server.js";
import { WorkflowSchema } from "../support/workflow-operations.js";
import { createWorkflow } from "../support/workflows.js";

const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { KNOUDS_DATA_DIR: dataDir, LOG_LEVEL: "silent" });

interface Acknowledged {
  keys: Array<{ value: string; email: string }>;
  workflows: Array<{ id: string; key: string }>;
  runs: Array<{ id: string; key: string; prompt: string }>;
}

/** Accounts, keys, workflows and runs made over HTTP, each recorded once its answer came back. */
async function makeStoredThings(server: TestServer, count: number): Promise<Acknowledged> {
  const made: Acknowledged = { keys: [], workflows: [], runs: [] };
  for (let i = 0; i < count; i++) {
    const owner = await signUp(server, { tier: "business" });
    const admin = await createKey(owner, "admin");
    const deployment = await createKey(owner, "deployment");
    made.keys.push({ value: admin.value, email: owner.email }, { value: deployment.value, email: owner.email });
    await createWorkflow(owner, `flow-${i}`);
    made.workflows.push({ id: `flow-${i}`, key: admin.value });
    for (const key of [admin.value, deployment.value]) {
      const prompt = `prompt ${i} ${key.slice(-6)}`;
      const ran = await new Client(server.url, key).request("POST", `/api/workflows/flow-${i}/run`, { inputs: { prompt } });
      expect(ran.status, ran.text).toBe(200);
      made.runs.push({ id: (ran.body as { runId: string }).runId, key, prompt });
    }
  }
  return made;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates keys and runs over HTTP until stopped, paced and spread over several accounts so no
 * rate limit (1,000 runs per admin key, 60 createApiKey per account, per minute) answers
 * instead. Everything it made is recorded in `made` the moment its answer came back.
 */
function writeLoad(server: TestServer, owners: Array<{ owner: SignedIn; runKey: string }>) {
  let stopped = false;
  let turn = 0;
  const made: Acknowledged = { keys: [], workflows: [], runs: [] };
  const next = () => owners[turn++ % owners.length]!;
  const loop = async (write: () => Promise<void>, pauseMs: number) => {
    while (!stopped) {
      await write();
      await pause(pauseMs);
    }
  };
  const loops = [
    ...Array.from({ length: 2 }, () =>
      loop(async () => {
        const key = next().runKey;
        const prompt = `load ${turn}`;
        const ran = await new Client(server.url, key).request("POST", "/api/workflows/knouds/hello-world/run", {
          inputs: { name: prompt },
        });
        expect(ran.status, ran.text).toBe(200);
        made.runs.push({ id: (ran.body as { runId: string }).runId, key, prompt });
      }, 5),
    ),
    loop(async () => {
      const { owner } = next();
      made.keys.push({ value: (await createKey(owner, "free", "made under load")).value, email: owner.email });
    }, 100),
  ];
  return {
    made,
    /** How many keys and runs have been acknowledged so far. */
    get count() {
      return made.keys.length + made.runs.length;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

describe("backup while serving, restore into a fresh directory", () => {
  it("keeps every account, key, workflow and run acknowledged before the backup, and every key verifies", async () => {
    const server = await startServer();
    const before = await makeStoredThings(server, 4);
    const loadOwners = [];
    for (let i = 0; i < 6; i++) {
      const owner = await signUp(server, { tier: "business" });
      loadOwners.push({ owner, runKey: (await createKey(owner, "admin")).value });
    }
    const load = writeLoad(server, loadOwners);
    const backupFile = join(tempDataDir(), "knouds-backup.db");
    await pause(300);
    // Acknowledged before the backup started: the newest of these are likely still in the WAL only.
    const ackedBefore = { keys: [...before.keys, ...load.made.keys], runs: [...before.runs, ...load.made.runs] };
    const atStart = load.count;
    const backup = await cli(server.dataDir, "backup", "--to", backupFile);
    const duringBackup = load.count - atStart;
    await load.stop();
    await server.stop();
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ backup: backupFile, bytes: expect.any(Number) });
    expect(backup.stderr).toContain("keep");
    // The copy was taken while writes were being acknowledged.
    expect(duringBackup).toBeGreaterThan(0);

    const fresh = tempDataDir();
    // The store's key digests are HMACs under the server secret, which the backup does not hold.
    copyFileSync(join(server.dataDir, "secret"), join(fresh, "secret"));
    const restore = await cli(fresh, "restore", "--from", backupFile);
    expect(restore.code, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ restored: join(fresh, "knouds.db"), previousStoreKeptAs: null });

    const restored = await startServer({ dataDir: fresh });
    try {
      for (const key of ackedBefore.keys) {
        const viewer = await new Client(restored.url, key.value).graphql(Viewer);
        expect(viewer.status).toBe(200);
        expect(viewer.data?.viewer?.account.email).toBe(key.email);
      }
      for (const workflow of before.workflows) {
        const found = await new Client(restored.url, workflow.key).graphql(WorkflowSchema, { id: workflow.id });
        expect(found.data?.workflow?.name, found.text).toBe(workflow.id);
      }
      for (const made of ackedBefore.runs) {
        const found = await new Client(restored.url, made.key).request("GET", `/api/runs/${made.id}`);
        expect(found.status).toBe(200);
        expect(found.body).toMatchObject({ runId: made.id });
        expect(Object.values((found.body as { inputs: Record<string, string> }).inputs)).toEqual([made.prompt]);
      }
      // The restored store serves new writes too.
      const again = await new Client(restored.url, before.keys[0]!.value).request("POST", "/api/workflows/flow-0/run", {
        inputs: { prompt: "after restore" },
      });
      expect(again.status).toBe(200);
    } finally {
      await restored.stop();
    }
  }, 120_000);
});

// Each CLI call starts tsx (several seconds on a busy machine): these tests get time for a few.
describe("backup and restore refusals", () => {
  it("refuses to overwrite an existing file unless --force", async () => {
    const server = await startServer();
    await server.stop();
    const target = join(tempDataDir(), "existing.db");
    writeFileSync(target, "keep me");
    const refused = await cli(server.dataDir, "backup", "--to", target);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("already exists: pass --force to replace it");
    expect(readFileSync(target, "utf8")).toBe("keep me");
    const forced = await cli(server.dataDir, "backup", "--to", target, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(target).subarray(0, 15).toString()).toBe("SQLite format 3");
  }, 120_000);

  it("refuses to restore while a server has the store open, and leaves the store as it was", async () => {
    const server = await startServer();
    const owner = await signUp(server, { tier: "pro" });
    const key = await createKey(owner, "deployment");
    const backupFile = join(tempDataDir(), "b.db");
    expect((await cli(server.dataDir, "backup", "--to", backupFile)).code).toBe(0);
    const refused = await cli(server.dataDir, "restore", "--from", backupFile);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("has");
    expect(refused.stderr).toContain("open: stop it, then restore");
    expect((await new Client(server.url, key.value).graphql(Viewer)).data?.viewer?.account.email).toBe(owner.email);
    await server.stop();

    // Stopped: the restore goes through and keeps the store it replaced beside it.
    const restore = await cli(server.dataDir, "restore", "--from", backupFile);
    expect(restore.code, restore.stderr).toBe(0);
    const { previousStoreKeptAs } = JSON.parse(restore.stdout) as { previousStoreKeptAs: string };
    expect(previousStoreKeptAs).toMatch(/knouds\.db\.before-restore-/);
    expect(existsSync(previousStoreKeptAs)).toBe(true);
  }, 120_000);

  it("refuses a file that is not an intact Knouds store", async () => {
    const dataDir = tempDataDir();
    const folder = tempDataDir();
    const notSqlite = join(folder, "notes.txt");
    writeFileSync(notSqlite, "x".repeat(4096));
    const otherSqlite = join(folder, "other.db");
    const other = new Database(otherSqlite);
    other.exec("CREATE TABLE things (id INTEGER)");
    other.close();
    for (const [file, reason] of [
      [notSqlite, "is not a SQLite database"],
      [otherSqlite, "is a SQLite database but not a Knouds store"],
      [join(folder, "missing.db"), "does not exist"],
    ] as const) {
      const refused = await cli(dataDir, "restore", "--from", file);
      expect(refused.code, file).toBe(2);
      expect(refused.stderr).toContain(reason);
    }
    expect(existsSync(join(dataDir, "knouds.db"))).toBe(false);
  }, 120_000);

  it("suggests the option meant for a misspelt one, before touching any store", async () => {
    const dataDir = join(tempDataDir(), "never-created");
    const refused = await cli(dataDir, "restore", "--form", "/tmp/x.db");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("unknown option --form; did you mean --from?\nusage: npm run cli -- restore --from FILE\n");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("points MongoDB operators to mongodump and mongorestore", async () => {
    const result = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "backup", "--to", "/tmp/x.db"], {
      MONGODB_URI: "mongodb://127.0.0.1:1/knouds",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("mongodump");
  });
});

const MAIN = ["--import", "tsx", "src/main.ts"];

/** Starts the real server as a child process and expects it to refuse; returns what it printed. */
async function refusedStart(env: Record<string, string>): Promise<string> {
  // At info level it logs its URL once listening: a start that was not refused is seen at once.
  const started = await startProcess(MAIN, { ...env, LOG_LEVEL: "info" }).then(
    async (server) => {
      await server.stop();
      return null;
    },
    (error: Error) => error.message,
  );
  if (started === null) throw new Error("the server started; it should have refused");
  return started;
}

// Key digests are HMACs under the server secret; the store keeps a fingerprint of that secret.
describe("a restored store and the server secret", () => {
  it("refuses to start with another secret, saying what to do; with the old secret it starts and every key verifies", async () => {
    const server = await startServer();
    expect(server.logs.join("")).toContain("recorded the server secret's fingerprint in the store");
    const owner = await signUp(server, { tier: "pro" });
    const key = await createKey(owner, "deployment");
    await server.stop();
    const backupFile = join(tempDataDir(), "b.db");
    expect((await cli(server.dataDir, "backup", "--to", backupFile)).code).toBe(0);
    const fresh = tempDataDir();
    expect((await cli(fresh, "restore", "--from", backupFile)).code).toBe(0);

    // The operator forgot the secret file: a new one is generated, and the start refused.
    const forgot = await refusedStart({ KNOUDS_DATA_DIR: fresh });
    expect(forgot).toContain("exited with 2");
    expect(forgot).toContain("the server secret is not the one this store's API keys were made with");
    expect(forgot).toContain(`a new secret was just generated into ${join(fresh, "secret")}`);
    expect(forgot).toContain(`Copy that server's secret file over ${join(fresh, "secret")}`);
    expect(forgot).toContain("npm run cli -- rotate-secret");
    // Another KNOUDS_SECRET than the store was made with: refused too, naming where the secret came from.
    const otherValue = await refusedStart({ KNOUDS_DATA_DIR: fresh, KNOUDS_SECRET: randomBytes(32).toString("hex") });
    expect(otherValue).toContain("exited with 2");
    expect(otherValue).toContain("The secret in use comes from KNOUDS_SECRET.");

    copyFileSync(join(server.dataDir, "secret"), join(fresh, "secret"));
    const restored = await startProcess(MAIN, { KNOUDS_DATA_DIR: fresh });
    try {
      expect(restored.output.join("\n")).not.toContain("recorded the server secret's fingerprint");
      const viewer = await new Client(restored.url, key.value).graphql(Viewer);
      expect(viewer.status, viewer.text).toBe(200);
      expect(viewer.data?.viewer?.account.email).toBe(owner.email);
    } finally {
      await restored.stop();
    }
  }, 120_000);

  it("rotate-secret records a new secret on purpose: the server starts with it, old keys answer 401, sign-in and new keys work", async () => {
    const server = await startServer();
    const owner = await signUp(server, { tier: "pro" });
    const oldKey = await createKey(owner, "deployment");
    await server.stop();
    const env = { KNOUDS_DATA_DIR: server.dataDir, KNOUDS_SECRET: randomBytes(32).toString("hex"), LOG_LEVEL: "silent" };
    expect(await refusedStart(env)).toContain("the server secret is not the one this store's API keys were made with");

    const rotated = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "rotate-secret"], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain("recorded the secret from KNOUDS_SECRET as the store's new secret");
    expect(rotated.stdout).toContain("Every API key made under the previous secret no longer verifies (401)");
    const again = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "rotate-secret"], env);
    expect(again.stdout).toContain("nothing changed");

    const child = await startProcess(MAIN, { ...env, LOG_LEVEL: "info" });
    try {
      expect((await new Client(child.url, oldKey.value).graphql(Viewer)).status).toBe(401);
      // The session survives (sessions are not digested under the secret); a new key verifies.
      const session = owner.client.withBaseUrl(child.url);
      const newKey = await createKey({ client: session }, "deployment");
      const viewer = await new Client(child.url, newKey.value).graphql(Viewer);
      expect(viewer.status, viewer.text).toBe(200);
      expect(viewer.data?.viewer?.account.email).toBe(owner.email);
    } finally {
      await child.stop();
    }
  }, 120_000);
});
