/**
 * docs/limits.md#per-key-budget on one instance without Redis (in-process budgets), the per-address guard against
 * floods of bad keys, and the field limits on sign-in, sign-up and createApiKey.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyValue } from "../../src/domain/keys.js";
import { PASSWORD_HASHING } from "../../src/limits/hashing-queue.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { CreateApiKey, SetApiKeyScope, SignIn, SignUp } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { createWorkflow } from "../support/workflows.js";

function viewer(server: TestServer, key: string) {
  return fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: JSON.stringify({ query: "{ viewer { effectiveScope } }" }),
  });
}

describe("per-key budgets in one process (no REDIS_URL)", () => {
  let server: TestServer;
  let owner: SignedIn;

  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server, { tier: "business" });
  });
  afterAll(() => server.stop());

  it("lets exactly 10 of 200 parallel requests of a free key through", async () => {
    const { value } = await createKey(owner, "free");
    const answers = await Promise.all(Array.from({ length: 200 }, () => viewer(server, value)));
    const ok = answers.filter((r) => r.status === 200);
    const limited = answers.filter((r) => r.status === 429);
    expect([ok.length, limited.length]).toEqual([10, 190]);
    expect(ok.map((r) => Number(r.headers.get("ratelimit-remaining"))).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const body = (await limited[0]!.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toEqual({ code: "RATE_LIMITED", limit: 10, retryAfter: expect.any(Number) });
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("charges every aliased run in one GraphQL request: a free key's 11th run is refused", async () => {
    await createWorkflow(owner, "aliased-flow");
    const { value } = await createKey(owner, "free");
    const runs = Array.from({ length: 15 }, (_, i) => `r${i}: runWorkflow(id: "aliased-flow", inputs: {prompt: "p${i}"}) { status }`);
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "x-api-key": value, "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation { ${runs.join(" ")} }` }),
    });
    // Run fields are non-null, so the 11th run's refusal ends the serial mutation and nulls data.
    const body = (await response.json()) as { data: unknown; errors: Array<{ path: string[]; extensions: { code: string } }> };
    expect(body.data).toBeNull();
    expect(body.errors.map((e) => [e.path, e.extensions.code])).toEqual([[["r10"], "RATE_LIMITED"]]);
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
    expect((await viewer(server, value)).status).toBe(429);
  });

  it("keeps what a key spent when its scope changes: an admin key lowered to free after 15 requests is refused", async () => {
    const { id, value } = await createKey(owner, "admin");
    for (let i = 0; i < 15; i++) expect((await viewer(server, value)).status).toBe(200);
    const platformAdmin = await signUp(server, { platformAdmin: true });
    const lowered = await platformAdmin.client.graphql(SetApiKeyScope, { id, scope: "free" });
    expect(lowered.data?.setApiKeyScope.scope).toBe("free");
    const refused = await viewer(server, value);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-limit")).toBe("10");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("puts the rate-limit headers on every key-authenticated answer, errors included, and none on anonymous ones", async () => {
    const { value } = await createKey(owner, "deployment");
    const notFound = await fetch(`${server.url}/api/runs/run_doesnotexist`, { headers: { "x-api-key": value } });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("ratelimit-limit")).toBe("100");
    expect(notFound.headers.get("ratelimit-remaining")).toBe("99");
    expect(notFound.headers.get("ratelimit-policy")).toBe("100;w=60");
    const denied = await fetch(`${server.url}/api/models/knouds/echo/run`, {
      method: "POST",
      headers: { "x-api-key": value, "content-type": "application/json" },
      body: '{"inputs":{"text":"x"}}',
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("ratelimit-remaining")).toBe("98");
    const anonymous = await fetch(`${server.url}/api/runs/run_doesnotexist`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("ratelimit-limit")).toBeNull();
  });
});

describe("failed key checks per client address", () => {
  let server: TestServer;
  let owner: SignedIn;

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_FAILED_AUTH_PER_MINUTE: "5" } });
    owner = await signUp(server, { tier: "business" });
  });
  afterAll(() => server.stop());

  it("does not count malformed keys against an address: they never reach the store", async () => {
    const guarded = await startServer({ env: { KNOUDS_FAILED_AUTH_PER_MINUTE: "5" } });
    try {
      for (let i = 0; i < 20; i++) expect((await viewer(guarded, `knouds_live_typo${i}`)).status).toBe(401);
      expect((await viewer(guarded, generateKeyValue().value)).status).toBe(401);
    } finally {
      await guarded.stop();
    }
  });

  it("behind one trusted proxy (KNOUDS_TRUST_PROXY=1), counts the address the proxy saw, not one the client wrote", async () => {
    const proxied = await startServer({ env: { KNOUDS_FAILED_AUTH_PER_MINUTE: "3", KNOUDS_TRUST_PROXY: "1" } });
    try {
      const from = (forwardedFor: string) =>
        fetch(`${proxied.url}/api/runs/run_x`, { headers: { "x-api-key": generateKeyValue().value, "x-forwarded-for": forwardedFor } });
      // The client makes up a new left-most address each time; the proxy appends what it saw.
      for (let i = 0; i < 3; i++) expect((await from(`198.51.100.${i}, 203.0.113.7`)).status).toBe(401);
      expect((await from("198.51.100.99, 203.0.113.7")).status).toBe(429);
      expect((await from("198.51.100.1, 203.0.113.8")).status).toBe(401);
    } finally {
      await proxied.stop();
    }
  });

  it("blocks an address after the limit without touching the store, but still serves keys it already verified", async () => {
    const good = await createKey(owner, "admin");
    expect((await viewer(server, good.value)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await viewer(server, generateKeyValue().value)).status).toBe(401);

    const lookupsBefore = server.server.services.verifier.storeLookups;
    for (let i = 0; i < 50; i++) {
      const refused = await viewer(server, generateKeyValue().value);
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      expect(body.errors[0]!.extensions).toMatchObject({ code: "RATE_LIMITED", limit: 5 });
    }
    const rest = await fetch(`${server.url}/api/runs/run_x`, { headers: { "x-api-key": generateKeyValue().value } });
    expect(rest.status).toBe(429);
    expect(await rest.json()).toEqual({ error: "Too Many Requests", code: "RATE_LIMITED", limit: 5, retryAfter: expect.any(Number) });
    expect(Number(rest.headers.get("retry-after"))).toBeGreaterThan(0);
    expect([rest.headers.get("ratelimit-limit"), rest.headers.get("ratelimit-remaining")]).toEqual(["5", "0"]);
    expect(server.server.services.verifier.storeLookups).toBe(lookupsBefore);

    expect((await viewer(server, good.value)).status).toBe(200);
    // A malformed key costs no lookup: it is refused with 401 even now, and never counted.
    const malformed = await fetch(`${server.url}/api/runs/run_x`, { headers: { "x-api-key": "knouds_live_typo" } });
    expect(malformed.status).toBe(401);
    expect(await malformed.text()).toBe('{"error":"Unauthorized"}');
    // Requests without a key are not affected: signing in still works.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("field limits (graphql-rate-limit)", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it("allows 10 sign-in attempts per minute per address and email, then RATE_LIMITED with retryAfter", async () => {
    const user = await signUp(server);
    const client = new Client(server.url);
    for (let i = 0; i < 10; i++) {
      const wrong = await client.graphql(SignIn, { input: { email: user.email, password: `wrong ${i}` } });
      expect(wrong.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    }
    const limited = await client.graphql(SignIn, { input: { email: user.email, password: "correct horse battery" } });
    expect(limited.data).toBeNull();
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", limit: 10 });
    expect(limited.errors?.[0]?.extensions.retryAfter).toBeGreaterThan(0);
    expect(limited.errors?.[0]?.extensions.retryAfter).toBeLessThanOrEqual(60);
    // The same account spelled differently is the same count.
    const respelled = await client.graphql(SignIn, { input: { email: ` ${user.email.toUpperCase()} `, password: "x" } });
    expect(respelled.errors?.[0]?.extensions.code).toBe("RATE_LIMITED");
    const other = await signUp(server);
    const fine = await new Client(server.url).graphql(SignIn, { input: { email: other.email, password: "correct horse battery" } });
    expect(fine.data?.signIn.id).toBe(other.accountId);
  });

  it("counts parallel sign-ins exactly on one instance", async () => {
    const user = await signUp(server);
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => new Client(server.url).graphql(SignIn, { input: { email: user.email, password: "nope" } })),
    );
    const codes = attempts.map((x) => x.errors?.[0]?.extensions.code);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(10);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(30);
  });

  it("allows 60 createApiKey calls per minute per account", async () => {
    const user = await signUp(server);
    const results = await Promise.all(
      Array.from({ length: 65 }, (_, i) => user.client.graphql(CreateApiKey, { input: { name: `k${i}` } })),
    );
    expect(results.filter((r) => r.data?.createApiKey)).toHaveLength(60);
    expect(results.filter((r) => r.errors?.[0]?.extensions.code === "RATE_LIMITED")).toHaveLength(5);
  });

  it("allows 30 sign-ups per 10 minutes per address", async () => {
    const fresh = await startServer();
    try {
      const results = await Promise.all(
        Array.from({ length: 32 }, (_, i) =>
          new Client(fresh.url).graphql(SignUp, { input: { email: `u${i}@example.com`, password: "correct horse battery" } }),
        ),
      );
      // Within the limit, an account is created unless too many of this address's passwords were
      // already waiting to be hashed (then SERVICE_UNAVAILABLE at once: test/e2e/sign-in-limits.test.ts).
      const created = results.filter((r) => r.data?.signUp).length;
      const busy = results.filter((r) => r.errors?.[0]?.extensions.code === "SERVICE_UNAVAILABLE").length;
      expect(created + busy).toBe(30);
      expect(created).toBeGreaterThanOrEqual(PASSWORD_HASHING.concurrent + PASSWORD_HASHING.waitingPerAddress);
      expect(results.filter((r) => r.errors?.[0]?.extensions.code === "RATE_LIMITED")).toHaveLength(2);
    } finally {
      await fresh.stop();
    }
  });
});

describe("an address blocked for bad keys, on an unknown /api route", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_FAILED_AUTH_PER_MINUTE: "3" } });
  });
  afterAll(() => server.stop());

  it("gets 429, with no handler error after the refusal was sent", async () => {
    const unknown = generateKeyValue().value;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${server.url}/api/no-such-route`, { headers: { "x-api-key": unknown } });
      await response.text();
      statuses.push(response.status);
    }
    // Three failures allowed (the first looked up, the next two answered from the cache), then the address is blocked.
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect(server.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
  });
});
