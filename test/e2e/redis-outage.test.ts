/**
 * Redis goes away mid-load: two instances keep answering from in-process budgets (no 500s),
 * log the outage once, and put budgets back in Redis when it returns. The test runs its own
 * throwaway redis-server so the shared one is never touched.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { startCluster, type Cluster } from "../support/cluster.js";
import { DeleteApiKey, SignIn } from "../support/operations.js";
import { freePort, noRedisServer, startRedis } from "../support/redis-server.js";
import { startServer, tempDataDir } from "../support/server.js";

const skipReason = await noRedisServer();
const hasRedisServer = skipReason === null;
if (!hasRedisServer) console.log(`[redis-outage.test] skipped: ${skipReason}`);

describe.skipIf(!hasRedisServer)("Redis outage during a load run", () => {
  let port: number;
  let redisProcess: ChildProcess;
  let cluster: Cluster;
  let owner: SignedIn;

  beforeAll(async () => {
    port = await freePort();
    redisProcess = await startRedis(port);
    cluster = await startCluster({ size: 2, redisUrl: `redis://127.0.0.1:${port}` });
    const made = await cluster.cli([
      "create-account",
      "--email",
      "o@example.com",
      "--password",
      "correct horse battery",
      "--tier",
      "business",
    ]);
    expect(made.code, made.stderr).toBe(0);
    const client = new Client(cluster.instances[0]!.url);
    const signedIn = await client.graphql(SignIn, { input: { email: "o@example.com", password: "correct horse battery" } });
    owner = { client, accountId: signedIn.data!.signIn.id, handle: signedIn.data!.signIn.handle, email: "o@example.com" };
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    redisProcess?.kill("SIGKILL");
  });

  it("answers every request with no 500 while Redis is killed and restarted, then counts in Redis again", async () => {
    const { id, value } = await createKey(owner, "admin");
    const urls = cluster.instances.map((instance) => instance.url);
    const seen: Record<number, number> = {};
    let stopped = false;
    const load = Array.from({ length: 16 }, async (_, n) => {
      while (!stopped) {
        const response = await fetch(`${urls[n % 2]}/graphql`, {
          method: "POST",
          headers: { "x-api-key": value, "content-type": "application/json" },
          body: JSON.stringify({ query: "{ viewer { effectiveScope } }" }),
        });
        await response.arrayBuffer();
        seen[response.status] = (seen[response.status] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const answered = () => Object.values(seen).reduce((x, y) => x + y, 0);
    await pause(400);
    redisProcess.kill("SIGKILL");
    await once(redisProcess, "exit");
    // At least a second and 100 answers without Redis, however slow the machine is.
    const beforeOutage = answered();
    await pause(1000);
    while (answered() - beforeOutage < 100) await pause(50);
    redisProcess = await startRedis(port);
    await pause(3000);
    stopped = true;
    await Promise.all(load);

    expect(Object.keys(seen).map(Number).sort()).toEqual(expect.arrayContaining([200]));
    for (const status of Object.keys(seen).map(Number)) expect([200, 429]).toContain(status);

    // Budgets are back in Redis: a request now shows up in the new server's counter.
    const redis = new Redis({ port, host: "127.0.0.1" });
    try {
      const fresh = await createKey(owner, "deployment");
      const answer = await fetch(`${urls[1]}/api/runs/run_none`, { headers: { "x-api-key": fresh.value } });
      expect(answer.status).toBe(404);
      expect(await redis.get(`${cluster.prefix}budget:${fresh.id}`)).toBe("1");
      expect(await redis.get(`${cluster.prefix}budget:${id}`)).not.toBeNull();
    } finally {
      redis.disconnect();
    }

    for (const instance of cluster.instances) {
      const lost = instance.output.filter((line) => line.includes("Redis unavailable"));
      const back = instance.output.filter((line) => line.includes("Redis reachable again"));
      // Once per connection (commands, subscriber), not once per reconnect attempt.
      expect(lost.length).toBeGreaterThanOrEqual(1);
      expect(lost.length).toBeLessThanOrEqual(2);
      expect(back.length).toBe(lost.length);
    }
  });
});

describe.skipIf(!hasRedisServer)("an instance that started while Redis was away", () => {
  it("checks keys against the store until it hears revocations, then hears them over Redis", async () => {
    const port = await freePort();
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, KNOUDS_KEY_CACHE_TTL_SECONDS: "3600" };
    const dataDir = tempDataDir();
    const a = await startServer({ dataDir, env });
    const b = await startServer({ dataDir, env });
    let redisProcess: ChildProcess | undefined;
    try {
      const owner = await signUp(a, { tier: "business" });
      const { id, value } = await createKey(owner, "admin");
      const viewerOnA = () =>
        fetch(`${a.url}/graphql`, {
          method: "POST",
          headers: { "x-api-key": value, "content-type": "application/json" },
          body: '{"query":"{ viewer { effectiveScope } }"}',
        });
      expect((await viewerOnA()).status).toBe(200);
      // Deleted through B while Redis is away: A cannot hear it, so it checks the store.
      const deleted = await owner.client.withBaseUrl(b.url).graphql(DeleteApiKey, { id });
      expect(deleted.errors, deleted.text).toBeUndefined();
      expect((await viewerOnA()).status).toBe(401);

      // Once Redis answers and A has subscribed, deletes reach it over Redis again.
      redisProcess = await startRedis(port);
      for (const server of [a, b]) {
        for (let i = 0; i < 100; i++) {
          const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string };
          if (ready.status === "ready") break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      const second = await createKey(owner, "admin");
      const viewer = () =>
        fetch(`${a.url}/graphql`, {
          method: "POST",
          headers: { "x-api-key": second.value, "content-type": "application/json" },
          body: '{"query":"{ viewer { effectiveScope } }"}',
        });
      expect((await viewer()).status).toBe(200);
      const deletedAgain = await owner.client.withBaseUrl(b.url).graphql(DeleteApiKey, { id: second.id });
      expect(deletedAgain.errors, deletedAgain.text).toBeUndefined();
      expect((await viewer()).status).toBe(401);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      redisProcess?.kill("SIGKILL");
    }
  }, 30_000);
});
