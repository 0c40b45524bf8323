/**
 * docs/operating.md#many-instances and docs/limits.md#per-key-budget across instances: two server processes share one SQLite directory, one secret
 * and the Redis at 127.0.0.1:6379. Budgets are exact across both; deletes and scope changes
 * made through one are enforced by the other on the very next request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/client.js";
import { redisUnavailable, startCluster, type Cluster } from "../support/cluster.js";
import { DeleteApiKey, SetApiKeyScope, SignIn, Viewer } from "../support/operations.js";
import { DeleteWorkflow, UpdateWorkflow } from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE, createWorkflow } from "../support/workflows.js";
import type { SignedIn } from "../support/accounts.js";
import { createKey } from "../support/accounts.js";

const skipReason = await redisUnavailable();
if (skipReason) console.log(`[multi-instance.test] skipped: ${skipReason}`);

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function send(url: string, key: string, kind: "rest-run" | "graphql-viewer" | "rest-schema" | "rest-model"): Promise<Answer> {
  const headers = { "x-api-key": key, "content-type": "application/json" };
  const request =
    kind === "rest-run"
      ? fetch(`${url}/api/workflows/my-flow/run`, { method: "POST", headers, body: '{"inputs": {"prompt": "a mountain at dusk"}}' })
      : kind === "rest-schema"
        ? fetch(`${url}/api/workflows/my-flow/schema`, { headers: { "x-api-key": key } })
        : kind === "rest-model"
          ? fetch(`${url}/api/models/knouds/echo/run`, { method: "POST", headers, body: '{"inputs": {"text": "hi"}}' })
          : fetch(`${url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query: "{ viewer { effectiveScope } }" }) });
  const response = await request;
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** Runs `tasks` with at most `width` in flight. */
async function inParallel<T>(width: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

function statuses(answers: Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe.skipIf(skipReason !== null)("two instances sharing Redis", () => {
  let cluster: Cluster;
  let a: string;
  let b: string;
  let owner: SignedIn;

  beforeAll(async () => {
    // The delete test sends hundreds of refused keys from 127.0.0.1; the per-address guard has its own test.
    cluster = await startCluster({ size: 2, env: { KNOUDS_FAILED_AUTH_PER_MINUTE: "100000" } });
    [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    const created = await cluster.cli([
      "create-account",
      "--email",
      "owner@example.com",
      "--password",
      "correct horse battery",
      "--tier",
      "business",
      "--platform-admin",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const client = new Client(a);
    const signedIn = await client.graphql(SignIn, { input: { email: "owner@example.com", password: "correct horse battery" } });
    owner = { client, accountId: signedIn.data!.signIn.id, handle: signedIn.data!.signIn.handle, email: "owner@example.com" };
    await createWorkflow(owner, "my-flow");
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it("lets exactly 10 of 200 parallel requests of a free key through, across both instances", async () => {
    const { value } = await createKey(owner, "free");
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i % 2 === 0 ? a : b, value, "rest-run")));
    expect(statuses(answers)).toEqual({ 200: 10, 429: 190 });
    for (const answer of answers.filter((x) => x.status === 429)) {
      expect(answer.body).toEqual({ error: "Too Many Requests", code: "RATE_LIMITED", limit: 10, retryAfter: expect.any(Number) });
      expect(answer.body.retryAfter).toBeGreaterThan(0);
      expect(answer.headers.get("retry-after")).toBe(String(answer.body.retryAfter));
      expect(answer.headers.get("ratelimit-remaining")).toBe("0");
    }
    // Each admitted request saw its own place in the count: remaining 9, 8, ... 0, once each.
    const remaining = answers.filter((x) => x.status === 200).map((x) => Number(x.headers.get("ratelimit-remaining")));
    expect(remaining.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(answers.map((x) => x.headers.get("ratelimit-limit")))).toEqual(new Set(["10"]));
  });

  it("counts REST and GraphQL together: a deployment key gets exactly 100, the headers counting down", async () => {
    const { value } = await createKey(owner, "deployment");
    for (let i = 0; i < 100; i++) {
      const answer = await send(i % 2 === 0 ? a : b, value, i % 4 < 2 ? "rest-run" : "graphql-viewer");
      expect(answer.status).toBe(200);
      expect(answer.headers.get("ratelimit-limit")).toBe("100");
      expect(answer.headers.get("ratelimit-remaining")).toBe(String(99 - i));
      expect(Number(answer.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
      expect(Number(answer.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);
    }
    const rest = await send(b, value, "rest-run");
    expect(rest.status).toBe(429);
    expect(rest.body).toMatchObject({ code: "RATE_LIMITED", limit: 100 });
    const graphql = await send(a, value, "graphql-viewer");
    expect(graphql.status).toBe(429);
    expect(graphql.body).toMatchObject({ errors: [{ extensions: { code: "RATE_LIMITED", limit: 100 } }] });
  });

  it("gives an admin key exactly 1,000 of 1,100 requests", async () => {
    const { value } = await createKey(owner, "admin");
    const answers = await inParallel(
      64,
      Array.from({ length: 1100 }, (_, i) => () => send(i % 2 === 0 ? a : b, value, i % 3 === 0 ? "graphql-viewer" : "rest-schema")),
    );
    expect(statuses(answers)).toEqual({ 200: 1000, 429: 100 });
  });

  it("refuses a key deleted through A on both instances for every request that starts after the delete returned", async () => {
    const { id, value } = await createKey(owner, "admin");
    const kinds = ["graphql-viewer", "rest-schema"] as const;
    const log: Array<{ instance: "a" | "b"; started: number; answer: Answer }> = [];
    let stopped = false;
    let deleteReturned = Number.POSITIVE_INFINITY;
    const streams = Array.from({ length: 50 }, async (_, n) => {
      const instance = n % 2 === 0 ? "a" : "b";
      for (let i = 0; !stopped; i++) {
        const started = performance.now();
        const answer = await send(instance === "a" ? a : b, value, kinds[i % 2]!);
        log.push({ instance, started, answer });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const deleted = await owner.client.graphql(DeleteApiKey, { id });
    deleteReturned = performance.now();
    expect(deleted.data?.deleteApiKey.id).toBe(id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    stopped = true;
    await Promise.all(streams);

    const before = log.filter((x) => x.started < deleteReturned);
    const after = log.filter((x) => x.started >= deleteReturned);
    expect(before.filter((x) => x.answer.status === 200).map((x) => x.instance)).toEqual(expect.arrayContaining(["a", "b"]));
    expect(after.filter((x) => x.instance === "a").length).toBeGreaterThan(20);
    expect(after.filter((x) => x.instance === "b").length).toBeGreaterThan(20);
    for (const { answer } of after) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(
        answer.body.errors ? { errors: [{ message: "Unauthorized", extensions: { code: "UNAUTHENTICATED" } }] } : { error: "Unauthorized" },
      );
    }
  });

  it("enforces on B a scope a platform admin lowered through A, on the next request", async () => {
    const { id, value } = await createKey(owner, "admin");
    expect((await send(b, value, "rest-model")).status).toBe(200);
    const lowered = await owner.client.graphql(SetApiKeyScope, { id, scope: "deployment" });
    expect(lowered.data?.setApiKeyScope.scope).toBe("deployment");
    const denied = await send(b, value, "rest-model");
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: "Insufficient scope", code: "SCOPE_DENIED", required: "admin", actual: "deployment" });
  });

  it("enforces a tier lowered with the operator CLI on the next request to any instance", async () => {
    const email = "business@example.com";
    const made = await cluster.cli(["create-account", "--email", email, "--password", "correct horse battery", "--tier", "business"]);
    expect(made.code, made.stderr).toBe(0);
    const client = new Client(b);
    await client.graphql(SignIn, { input: { email, password: "correct horse battery" } });
    const { value } = await createKey({ client }, "admin");
    const viewerOnA = new Client(a, value);
    expect((await viewerOnA.graphql(Viewer)).data?.viewer?.effectiveScope).toBe("admin");
    expect((await send(b, value, "rest-model")).status).toBe(200);

    const lowered = await cluster.cli(["set-tier", "--email", email, "--tier", "pro"]);
    expect(lowered.code, lowered.stderr).toBe(0);
    expect((await viewerOnA.graphql(Viewer)).data?.viewer?.effectiveScope).toBe("deployment");
    expect((await send(b, value, "rest-model")).body).toMatchObject({ code: "SCOPE_DENIED", actual: "deployment" });
  });

  it("runs on B the workflow as changed or deleted through A, on the next request, under both address forms (cached copies dropped)", async () => {
    await createWorkflow(owner, "shared-flow");
    const { value } = await createKey(owner, "admin");
    const runOnB = (id: string) =>
      fetch(`${b}/api/workflows/${id}/run`, {
        method: "POST",
        headers: { "x-api-key": value, "content-type": "application/json" },
        body: '{"inputs": {"prompt": "a mountain at dusk"}}',
      });
    const forms = ["shared-flow", `${owner.handle}/shared-flow`];
    // B reads the workflow twice by each name, so its copy is cached when A changes it.
    for (const id of [...forms, ...forms]) expect((await runOnB(id)).status).toBe(200);

    const admin = new Client(a, value);
    const tighter = { ...PROMPT_TO_IMAGE.inputSchema, properties: { prompt: { type: "string", maxLength: 5 } } };
    const updated = await admin.graphql(UpdateWorkflow, { id: `${owner.handle}/shared-flow`, input: { inputSchema: tighter } });
    expect(updated.errors, updated.text).toBeUndefined();
    for (const id of forms) {
      const refused = await runOnB(id);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: "INVALID_INPUT" });
    }

    const deleted = await admin.graphql(DeleteWorkflow, { id: "shared-flow" });
    expect(deleted.errors, deleted.text).toBeUndefined();
    for (const id of forms) expect((await runOnB(id)).status).toBe(404);
  });
});
