/**
 * Revocations while Redis is away: two instances share one SQLite directory and a Redis the
 * test starts and stops itself. B has cached a key (or an account, a workflow); Redis stops;
 * the change is made through A, whose broadcast cannot reach B. B, knowing it cannot hear
 * revocations, checks the store, so its very next request already sees the change. Once
 * Redis is back, changes reach B over Redis again. The key cache lifetime is an hour, so
 * nothing here passes by a cache entry expiring.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createKey, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { startCluster, type Cluster } from "../support/cluster.js";
import { DeleteApiKey, SetAccountTier, SignIn, SignOut, Viewer } from "../support/operations.js";
import { run } from "../support/process.js";
import { freePort, killRedis, noRedisServer, startRedis } from "../support/redis-server.js";
import { DeleteWorkflow } from "../support/workflow-operations.js";
import { createWorkflow } from "../support/workflows.js";

const skipReason = await noRedisServer();
if (skipReason) console.log(`[redis-outage-revocations.test] skipped: ${skipReason}`);

interface Readiness {
  status: string;
  store: string;
  checks: { store: boolean; redis?: boolean; revocations?: boolean };
}

async function readiness(url: string): Promise<{ code: number; body: Readiness }> {
  const response = await fetch(`${url}/readyz`);
  return { code: response.status, body: (await response.json()) as Readiness };
}

/** Polls every instance's /readyz until `done` holds for each (at most 20 s). */
async function untilEvery(urls: string[], done: (body: Readiness) => boolean): Promise<void> {
  for (const url of urls) {
    for (let i = 0; ; i++) {
      if (done((await readiness(url)).body)) break;
      if (i === 200) throw new Error(`${url}/readyz never got there: ${JSON.stringify((await readiness(url)).body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function metric(url: string, line: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const found = text.split("\n").find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

function viewerWith(url: string, key: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: '{"query":"{ viewer { effectiveScope } }"}',
  });
}

/** An admin-only operation: running a model directly. */
function runModel(url: string, key: string): Promise<Response> {
  return fetch(`${url}/api/models/knouds/echo/run`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: '{"inputs": {"text": "hi"}}',
  });
}

function runWorkflow(url: string, key: string, id: string): Promise<Response> {
  return fetch(`${url}/api/workflows/${id}/run`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: '{"inputs": {"prompt": "a mountain at dusk"}}',
  });
}

describe.skipIf(skipReason !== null)("changes made through A while Redis is away", () => {
  let port: number;
  let redisProcess: ChildProcess | undefined;
  let cluster: Cluster;
  let a: string;
  let b: string;
  /** A business account that is also a platform admin, signed in on A. */
  let admin: SignedIn;

  /** Redis is killed; resolves once both instances know (their /readyz shows it). */
  async function stopRedis(): Promise<void> {
    await killRedis(redisProcess!);
    await untilEvery([a, b], (body) => body.checks.redis === false && body.checks.revocations !== true);
  }

  beforeAll(async () => {
    port = await freePort();
    redisProcess = await startRedis(port);
    cluster = await startCluster({
      size: 2,
      redisUrl: `redis://127.0.0.1:${port}`,
      env: { KNOUDS_KEY_CACHE_TTL_SECONDS: "3600", KNOUDS_FAILED_AUTH_PER_MINUTE: "100000" },
    });
    [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    const made = await cluster.cli([
      "create-account",
      "--email",
      "admin@example.com",
      "--password",
      "correct horse battery",
      "--tier",
      "business",
      "--platform-admin",
    ]);
    expect(made.code, made.stderr).toBe(0);
    const client = new Client(a);
    const signedIn = await client.graphql(SignIn, { input: { email: "admin@example.com", password: "correct horse battery" } });
    admin = { client, accountId: signedIn.data!.signIn.id, handle: signedIn.data!.signIn.handle, email: "admin@example.com" };
  }, 60_000);

  beforeEach(async () => {
    if (redisProcess!.exitCode !== null || redisProcess!.signalCode !== null) redisProcess = await startRedis(port);
    await untilEvery([a, b], (body) => body.checks.redis === true && body.checks.revocations !== false);
  }, 30_000);

  afterAll(async () => {
    await cluster?.stop();
    if (redisProcess) await killRedis(redisProcess);
  });

  it("refuses on B, on its next request, a key deleted through A", async () => {
    const { id, value } = await createKey(admin, "admin");
    expect((await viewerWith(b, value)).status).toBe(200);
    expect((await viewerWith(b, value)).status).toBe(200);

    await stopRedis();
    const deleted = await admin.client.graphql(DeleteApiKey, { id });
    expect(deleted.errors, deleted.text).toBeUndefined();

    const refused = await viewerWith(b, value);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ errors: [{ message: "Unauthorized", extensions: { code: "UNAUTHENTICATED" } }] });
    expect((await viewerWith(a, value)).status).toBe(401);
  });

  it("enforces on B, on its next request, a tier lowered through A (the key's scope follows: 403)", async () => {
    const email = "business@example.com";
    const made = await cluster.cli(["create-account", "--email", email, "--password", "correct horse battery", "--tier", "business"]);
    expect(made.code, made.stderr).toBe(0);
    const client = new Client(b);
    const signedIn = await client.graphql(SignIn, { input: { email, password: "correct horse battery" } });
    const accountId = signedIn.data!.signIn.id;
    const { value } = await createKey({ client }, "admin");
    expect((await runModel(b, value)).status).toBe(200);
    expect((await runModel(b, value)).status).toBe(200);

    await stopRedis();
    const lowered = await admin.client.graphql(SetAccountTier, { accountId, tier: "pro" });
    expect(lowered.errors, lowered.text).toBeUndefined();

    const denied = await runModel(b, value);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: "Insufficient scope", code: "SCOPE_DENIED", required: "admin", actual: "deployment" });
  });

  it("ends on B, on its next request, a session signed out through A", async () => {
    const email = "session@example.com";
    const made = await cluster.cli(["create-account", "--email", email, "--password", "correct horse battery", "--tier", "pro"]);
    expect(made.code, made.stderr).toBe(0);
    const onA = new Client(a);
    await onA.graphql(SignIn, { input: { email, password: "correct horse battery" } });
    const onB = onA.withBaseUrl(b);
    expect((await onB.graphql(Viewer)).data?.viewer?.authenticatedBy).toBe("SESSION");
    expect((await onB.graphql(Viewer)).data?.viewer?.authenticatedBy).toBe("SESSION");

    await stopRedis();
    const signedOut = await onA.graphql(SignOut);
    expect(signedOut.data?.signOut).toBe(true);

    expect((await onB.graphql(Viewer)).data?.viewer).toBeNull();
  });

  it("runs on B no workflow deleted through A", async () => {
    await createWorkflow(admin, "outage-flow");
    const { value } = await createKey(admin, "admin");
    for (let i = 0; i < 2; i++) expect((await runWorkflow(b, value, "outage-flow")).status).toBe(200);

    await stopRedis();
    const deleted = await new Client(a, value).graphql(DeleteWorkflow, { id: "outage-flow" });
    expect(deleted.errors, deleted.text).toBeUndefined();

    expect((await runWorkflow(b, value, "outage-flow")).status).toBe(404);
  });

  it("says degraded on /readyz (200, still in the load balancer) and counts the outage in /metrics", async () => {
    const { value } = await createKey(admin, "admin");
    expect(await readiness(b)).toEqual({
      code: 200,
      body: { status: "ready", store: "sqlite", checks: { store: true, redis: true, revocations: true } },
    });
    expect(await metric(b, "knouds_redis_degraded")).toBe(0);

    await stopRedis();
    expect(await readiness(b)).toEqual({
      code: 200,
      body: { status: "degraded", store: "sqlite", checks: { store: true, redis: false, revocations: false } },
    });
    expect(await metric(b, "knouds_redis_degraded")).toBe(1);
    const before = (await metric(b, 'knouds_limit_fallbacks_total{budget="requests"}')) ?? 0;
    for (let i = 0; i < 3; i++) expect((await viewerWith(b, value)).status).toBe(200);
    expect(await metric(b, 'knouds_limit_fallbacks_total{budget="requests"}')).toBe(before + 3);
    // A's change could not be broadcast: A counts it.
    const failuresBefore = (await metric(a, "knouds_revocation_broadcast_failures_total")) ?? 0;
    const other = await createKey(admin, "admin");
    expect((await admin.client.graphql(DeleteApiKey, { id: other.id })).errors).toBeUndefined();
    expect(await metric(a, "knouds_revocation_broadcast_failures_total")).toBeGreaterThan(failuresBefore);
  });

  it("drops B's caches within seconds when a change was not broadcast although B stayed subscribed (the CLI could not reach Redis)", async () => {
    const email = "partial@example.com";
    const made = await cluster.cli(["create-account", "--email", email, "--password", "correct horse battery", "--tier", "business"]);
    expect(made.code, made.stderr).toBe(0);
    const client = new Client(b);
    await client.graphql(SignIn, { input: { email, password: "correct horse battery" } });
    const { value } = await createKey({ client }, "admin");
    expect((await runModel(b, value)).status).toBe(200);
    expect((await runModel(b, value)).status).toBe(200);

    // Only the CLI is cut off from Redis: both servers stay subscribed and hear nothing.
    const cutOff = { ...cluster.env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` };
    const lowered = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "set-tier", "--email", email, "--tier", "pro"], cutOff);
    expect(lowered.code, lowered.stderr).toBe(0);
    expect(lowered.stderr).toContain("Redis did not answer");
    expect((await readiness(b)).body.status).toBe("ready");

    // B reads the store's count of changes not broadcast about every second: generous bound.
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i++) {
      status = (await runModel(b, value)).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(403);
  });

  it("once Redis is back, hears deletes made through A over Redis again: B refuses the key on its next request", async () => {
    await stopRedis();
    redisProcess = await startRedis(port);
    await untilEvery([a, b], (body) => body.status === "ready");
    expect(await metric(b, "knouds_redis_degraded")).toBe(0);

    const { id, value } = await createKey(admin, "admin");
    expect((await viewerWith(b, value)).status).toBe(200);
    expect((await viewerWith(b, value)).status).toBe(200);
    const deleted = await admin.client.graphql(DeleteApiKey, { id });
    expect(deleted.errors, deleted.text).toBeUndefined();
    expect((await viewerWith(b, value)).status).toBe(401);
  });
});
