/**
 * Usage per key (docs/keys.md#usage-per-key) across instances: two server processes share one SQLite directory
 * and Redis; each counts in memory and flushes its own deltas, so the hourly and daily series
 * read from either instance add up exactly to the requests sent to both, by outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/client.js";
import { redisUnavailable, startCluster, type Cluster } from "../support/cluster.js";
import { SignIn } from "../support/operations.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { nodes } from "../support/pages.js";
import { startServer } from "../support/server.js";
import { KeyUsage, OtherAccountKeyUsage, ViewerKeyUsage } from "../support/usage-operations.js";

const skipReason = await redisUnavailable();
if (skipReason) console.log(`[usage.test] skipped: ${skipReason}`);

const FLUSH_MS = 200;
const PASSWORD = "correct horse battery";

type Kind = "graphql-viewer" | "rest-schema" | "rest-model" | "graphql-model" | "rest-missing-run" | "graphql-missing-run";

async function send(url: string, key: string, kind: Kind): Promise<number> {
  const headers = { "x-api-key": key, "content-type": "application/json" };
  const graphql = (query: string) => fetch(`${url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query }) });
  const response = await {
    "graphql-viewer": () => graphql("{ viewer { effectiveScope } }"),
    "rest-schema": () => fetch(`${url}/api/workflows/knouds/hello-world/schema`, { headers: { "x-api-key": key } }),
    "rest-model": () => fetch(`${url}/api/models/knouds/echo/run`, { method: "POST", headers, body: '{"inputs": {"text": "hi"}}' }),
    "graphql-model": () => graphql('mutation { runModel(id: "knouds/echo", inputs: {text: "hi"}) { id } }'),
    "rest-missing-run": () => fetch(`${url}/api/runs/run_missing`, { headers: { "x-api-key": key } }),
    "graphql-missing-run": () => graphql('{ run(id: "run_missing") { id } }'),
  }[kind]();
  const text = await response.text();
  // GraphQL refusals answer 200; report the code the body carries instead.
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
  return response.status === 200 && code
    ? (({ SCOPE_DENIED: 403, NOT_FOUND: 404, RATE_LIMITED: 429 } as Record<string, number>)[code] ?? 500)
    : response.status;
}

interface Totals {
  ok: number;
  scopeDenied: number;
  rateLimited: number;
  otherErrors: number;
}

function sum(buckets: Totals[]): Totals & { total: number } {
  const totals = { ok: 0, scopeDenied: 0, rateLimited: 0, otherErrors: 0 };
  for (const b of buckets) for (const name of Object.keys(totals) as Array<keyof Totals>) totals[name] += b[name];
  return { ...totals, total: totals.ok + totals.scopeDenied + totals.rateLimited + totals.otherErrors };
}

describe.skipIf(skipReason !== null)("usage per key across two instances", () => {
  let cluster: Cluster;
  let a: string;
  let b: string;
  let owner: SignedIn;

  beforeAll(async () => {
    cluster = await startCluster({ size: 2, env: { KNOUDS_EVENTS_FLUSH_MS: String(FLUSH_MS) } });
    [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    const created = await cluster.cli(["create-account", "--email", "usage@example.com", "--password", PASSWORD, "--tier", "pro"]);
    expect(created.code, created.stderr).toBe(0);
    const client = new Client(a);
    const signedIn = await client.graphql(SignIn, { input: { email: "usage@example.com", password: PASSWORD } });
    owner = { client, accountId: signedIn.data!.signIn.id, handle: signedIn.data!.signIn.handle, email: "usage@example.com" };
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it("adds up exactly, by outcome, requests split across A and B (REST and GraphQL), hourly and daily", async () => {
    const deployment = await createKey(owner, "deployment", "deploys");
    const free = await createKey(owner, "free", "free tier");
    const plan: Array<[Kind, number, number]> = [
      // kind, how many, the status each must get
      ["graphql-viewer", 6, 200],
      ["rest-schema", 6, 200],
      ["rest-model", 5, 403],
      ["graphql-model", 3, 403],
      ["rest-missing-run", 4, 404],
      ["graphql-missing-run", 2, 404],
    ];
    let i = 0;
    for (const [kind, count, status] of plan) {
      for (let n = 0; n < count; n++) expect(await send(i++ % 2 === 0 ? a : b, deployment.value, kind), kind).toBe(status);
    }
    // A free key has 10 requests a minute across both instances: the 11th to 14th are refused.
    for (let n = 0; n < 14; n++) {
      const kind = n < 12 ? "graphql-viewer" : "rest-missing-run";
      expect(await send(n % 2 === 0 ? a : b, free.value, kind)).toBe(n < 10 ? 200 : 429);
    }
    const expected = {
      [deployment.id]: { ok: 12, scopeDenied: 8, rateLimited: 0, otherErrors: 6, total: 26 },
      [free.id]: { ok: 10, scopeDenied: 0, rateLimited: 4, otherErrors: 0, total: 14 },
    };

    const read = async (url: string) => {
      const answer = await owner.client.withBaseUrl(url).graphql(KeyUsage);
      expect(answer.errors, answer.text).toBeUndefined();
      return Object.fromEntries(nodes(answer.data!.apiKeys).map((key) => [key.id, { hourly: key.usage.hourly, daily: key.usage.daily }]));
    };
    // B's counts reach the store with its next flush; wait for it (bounded).
    const deadline = Date.now() + 15_000;
    let usage = await read(a);
    while (sum(usage[free.id]!.hourly).total < 14 || sum(usage[deployment.id]!.hourly).total < 26) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
      usage = await read(a);
    }
    // Several more flushes later, nothing is counted twice; both instances read the same.
    await new Promise((resolve) => setTimeout(resolve, 4 * FLUSH_MS));
    for (const url of [a, b]) {
      usage = await read(url);
      for (const [keyId, totals] of Object.entries(expected)) {
        const { hourly, daily } = usage[keyId]!;
        expect(hourly).toHaveLength(48);
        expect(daily).toHaveLength(90);
        expect(sum(hourly)).toEqual(totals);
        expect(sum(daily)).toEqual(totals);
        // Oldest first, one hour apart, the current hour last.
        const starts = hourly.map((bucket) => Date.parse(bucket.start));
        expect(starts[47]! - starts[0]!).toBe(47 * 3_600_000);
        expect(Date.now() - starts[47]!).toBeLessThan(3_600_000 + 60_000);
      }
    }
  });

  it("shows a key's usage to its owner and platform admins, not to a request made with the key", async () => {
    const key = await createKey(owner, "deployment", "private numbers");
    const byKey = await new Client(b, key.value).graphql(ViewerKeyUsage);
    expect(byKey.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");

    const made = await cluster.cli([
      "create-account",
      "--email",
      "admin@example.com",
      "--password",
      PASSWORD,
      "--tier",
      "business",
      "--platform-admin",
    ]);
    expect(made.code, made.stderr).toBe(0);
    const admin = new Client(b);
    await admin.graphql(SignIn, { input: { email: "admin@example.com", password: PASSWORD } });
    const seen = await admin.graphql(OtherAccountKeyUsage, { accountId: owner.accountId });
    expect(seen.errors, seen.text).toBeUndefined();
    expect(nodes(seen.data!.apiKeys).find((k) => k.id === key.id)?.usage.hourly).toHaveLength(48);
  });
});

describe("usage retention", () => {
  it("deletes hourly buckets older than 48 hours and daily ones older than 90 days, and nothing newer", async () => {
    const server = await startServer();
    try {
      const owner = await signUp(server);
      const key = await createKey(owner, "free");
      const { store, usage } = server.server.services;
      const now = Date.now();
      const hour = now - (now % 3_600_000);
      const day = now - (now % 86_400_000);
      const one = { ok: 1, scopeDenied: 0, rateLimited: 0, otherErrors: 0 };
      await store.usage.add([
        { keyId: key.id, period: "hour", start: hour - 47 * 3_600_000, ...one },
        { keyId: key.id, period: "hour", start: hour - 48 * 3_600_000, ...one },
        { keyId: key.id, period: "day", start: day - 89 * 86_400_000, ...one },
        { keyId: key.id, period: "day", start: day - 90 * 86_400_000, ...one },
      ]);
      expect(await usage.prune(now)).toBe(2);
      expect((await store.usage.buckets(key.id, "hour", 0)).map((b) => b.start)).toEqual([hour - 47 * 3_600_000]);
      expect((await store.usage.buckets(key.id, "day", 0)).map((b) => b.start)).toEqual([day - 89 * 86_400_000]);
      // What is kept is exactly what apiKey.usage shows: its first buckets are the oldest kept.
      const shown = nodes((await owner.client.graphql(KeyUsage)).data!.apiKeys).find((k) => k.id === key.id)!.usage;
      expect(shown.hourly[0]).toMatchObject({ start: new Date(hour - 47 * 3_600_000).toISOString(), ok: 1 });
      expect(shown.daily[0]).toMatchObject({ start: new Date(day - 89 * 86_400_000).toISOString(), ok: 1 });
    } finally {
      await server.stop();
    }
  });
});
