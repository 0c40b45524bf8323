/**
 * The account-wide budget (docs/limits.md#account-budget): every key of an account together gets 5 × the tier's per-key
 * limit per minute (Free: 50), REST and GraphQL and aliased runs alike, exact under concurrency,
 * in one process and across instances sharing Redis. Minting keys never multiplies a tier.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { redisUnavailable, startCluster, type Cluster } from "../support/cluster.js";
import { SignUp } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { createWorkflow } from "../support/workflows.js";

const skipReason = await redisUnavailable();
if (skipReason) console.log(`[account-budget.test] cluster half skipped: ${skipReason}`);

/** Free tier: 10 per key per minute, so 50 per account per minute. */
const FREE_ACCOUNT_BUDGET = 50;

interface Answer {
  kind: "rest" | "graphql";
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A REST request (a run that does not exist: 404 once past the budgets) or a GraphQL viewer query. */
async function send(url: string, key: string, kind: "rest" | "graphql"): Promise<Answer> {
  const response =
    kind === "rest"
      ? await fetch(`${url}/api/runs/run_none`, { headers: { "x-api-key": key } })
      : await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "x-api-key": key, "content-type": "application/json" },
          body: JSON.stringify({ query: "{ viewer { effectiveScope } }" }),
        });
  return { kind, status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function keysOf(owner: SignedIn, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push((await createKey(owner, "free", `key ${i}`)).value);
  return keys;
}

/** Asserts the documented 429 of the account's budget, REST body or GraphQL extensions. */
function expectAccountRefusal(answer: Answer): void {
  expect(answer.status).toBe(429);
  const facts = { code: "RATE_LIMITED", limit: FREE_ACCOUNT_BUDGET, retryAfter: expect.any(Number), budget: "account" };
  if (answer.kind === "rest") expect(answer.body).toEqual({ error: "Too Many Requests", ...facts });
  else expect(answer.body).toEqual({ errors: [{ message: "Too Many Requests", extensions: facts }] });
  const retryAfter =
    answer.kind === "rest"
      ? answer.body.retryAfter
      : (answer.body as { errors: Array<{ extensions: { retryAfter: number } }> }).errors[0]!.extensions.retryAfter;
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.headers.get("retry-after")).toBe(String(retryAfter));
  expect([answer.headers.get("ratelimit-limit"), answer.headers.get("ratelimit-remaining")]).toEqual([String(FREE_ACCOUNT_BUDGET), "0"]);
  expect(answer.headers.get("ratelimit-policy")).toBe(`${FREE_ACCOUNT_BUDGET};w=60`);
}

/** 12 keys × 10 requests, all in parallel over `urls`: exactly the account's 50 get through. */
async function twelveKeysTimesTen(urls: string[], owner: SignedIn): Promise<void> {
  const keys = await keysOf(owner, 12);
  const answers = await Promise.all(
    keys.flatMap((key, k) =>
      Array.from({ length: 10 }, (_, i) => send(urls[(k + i) % urls.length]!, key, i % 2 === 0 ? "rest" : "graphql")),
    ),
  );
  const passed = answers.filter((a) => a.status !== 429);
  expect(passed).toHaveLength(FREE_ACCOUNT_BUDGET);
  for (const answer of passed) expect(answer.status).toBe(answer.kind === "rest" ? 404 : 200);
  const refused = answers.filter((a) => a.status === 429);
  expect(refused).toHaveLength(120 - FREE_ACCOUNT_BUDGET);
  // No key went past its own 10, so every refusal is the account's.
  for (const answer of refused) expectAccountRefusal(answer);
  // A thirteenth key minted now changes nothing.
  const [late] = await keysOf(owner, 1);
  expectAccountRefusal(await send(urls[0]!, late!, "rest"));
}

/**
 * A key refused by its own budget is not charged to the account: one runaway key does not
 * starve the account's other keys.
 */
async function runawayKeyLeavesTheRest(urls: string[], owner: SignedIn): Promise<void> {
  const [runaway, ...others] = await keysOf(owner, 6);
  const first = await Promise.all(Array.from({ length: 30 }, (_, i) => send(urls[i % urls.length]!, runaway!, "rest")));
  expect(first.filter((a) => a.status === 404)).toHaveLength(10);
  for (const answer of first.filter((a) => a.status === 429)) {
    // The key's own refusal: the documented body, without the account's field.
    expect(answer.body).toEqual({ error: "Too Many Requests", code: "RATE_LIMITED", limit: 10, retryAfter: expect.any(Number) });
  }
  // Three more keys spend their 10 each (40 of the account's 50), a fourth 5 (45).
  for (const [k, key] of others.slice(0, 4).entries()) {
    for (let i = 0; i < (k < 3 ? 10 : 5); i++) expect((await send(urls[i % urls.length]!, key, "graphql")).status).toBe(200);
  }
  // A fresh key has 10 left of its own but the account only 5: the headers show the account's.
  const last = others[4]!;
  for (let i = 0; i < 5; i++) {
    const answer = await send(urls[i % urls.length]!, last, "rest");
    expect(answer.status).toBe(404);
    expect([answer.headers.get("ratelimit-limit"), answer.headers.get("ratelimit-remaining")]).toEqual([
      String(FREE_ACCOUNT_BUDGET),
      String(4 - i),
    ]);
    expect(answer.headers.get("ratelimit-policy")).toBe(`${FREE_ACCOUNT_BUDGET};w=60`);
  }
  expectAccountRefusal(await send(urls[0]!, last, "graphql"));
  // The key that spent only 5 of its own is refused too: the account's budget is spent.
  expectAccountRefusal(await send(urls[urls.length - 1]!, others[3]!, "rest"));
}

describe("account-wide budget in one process (no REDIS_URL)", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it("lets exactly 50 of 12 Free keys × 10 parallel requests through, refusing the rest with the account's 429", async () => {
    await twelveKeysTimesTen([server.url], await signUp(server));
  });

  it("does not charge the account for requests a key's own budget refused, and shows the closer budget in the headers", async () => {
    await runawayKeyLeavesTheRest([server.url], await signUp(server));
  });

  it("charges every aliased run to the account as well as to the key", async () => {
    const owner = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "aliased-account-flow");
    // Now Free: 10 per key, 50 for the account; the account's own deployed workflow still runs.
    await server.server.services.accounts.update(owner.accountId, { tier: "free" });
    // The builder key made 2 requests (create, deploy); 4 keys × 10 and one × 3 bring the account to 45.
    const keys = await keysOf(owner, 6);
    for (const [k, key] of keys.slice(0, 5).entries()) {
      for (let i = 0; i < (k < 4 ? 10 : 3); i++) expect((await send(server.url, key, "graphql")).status).toBe(200);
    }
    // The request pays for its first run (46), runs 2–5 take the account to 50, run 6 is refused.
    const runs = Array.from(
      { length: 8 },
      (_, i) => `r${i}: runWorkflow(id: "aliased-account-flow", inputs: {prompt: "p${i}"}) { status }`,
    );
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "x-api-key": keys[5]!, "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation { ${runs.join(" ")} }` }),
    });
    const body = (await response.json()) as { errors: Array<{ path: string[]; extensions: Record<string, unknown> }> };
    expect(body.errors.map((e) => [e.path, e.extensions])).toEqual([
      [["r5"], { code: "RATE_LIMITED", limit: FREE_ACCOUNT_BUDGET, retryAfter: expect.any(Number), budget: "account" }],
    ]);
    expect([response.headers.get("ratelimit-limit"), response.headers.get("ratelimit-remaining")]).toEqual([
      String(FREE_ACCOUNT_BUDGET),
      "0",
    ]);
    expectAccountRefusal(await send(server.url, keys[5]!, "rest"));
  });
});

describe.skipIf(skipReason !== null)("account-wide budget across two instances sharing Redis", () => {
  let cluster: Cluster;
  let urls: string[];

  async function freeAccount(): Promise<SignedIn> {
    const client = new Client(urls[0]!);
    const email = `free-${randomUUID()}@example.com`;
    const result = await client.graphql(SignUp, { input: { email, password: "correct horse battery" } });
    return { client, accountId: result.data!.signUp.id, handle: result.data!.signUp.handle, email };
  }

  beforeAll(async () => {
    cluster = await startCluster({ size: 2 });
    urls = cluster.instances.map((instance) => instance.url);
  }, 60_000);
  afterAll(() => cluster?.stop());

  it("lets exactly 50 of 12 Free keys × 10 parallel requests through, spread over both instances", async () => {
    await twelveKeysTimesTen(urls, await freeAccount());
  });

  it("does not charge the account for requests a key's own budget refused (one Lua script for both counters)", async () => {
    await runawayKeyLeavesTheRest(urls, await freeAccount());
  });
});
