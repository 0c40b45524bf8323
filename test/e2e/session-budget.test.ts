/**
 * Requests made with a browser session and no key are charged to the account's session budget
 * (per tier, in the scope table): exact under concurrency, shared by every instance through
 * Redis, refused with the same 429 body and RateLimit headers as a key's. A request carrying
 * both a key and the cookie is charged once, to the key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionRequestsPerMinute } from "../../src/domain/scopes.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { redisUnavailable, startCluster, type Cluster } from "../support/cluster.js";
import { SignUp } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";

const skipReason = await redisUnavailable();
if (skipReason) console.log(`[session-budget.test] cluster half skipped: ${skipReason}`);

const FREE_SESSION_BUDGET = sessionRequestsPerMinute("free");

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A GraphQL query sent with the session cookie (and a key when given). */
async function viewer(url: string, cookie: string, apiKey?: string): Promise<Answer> {
  const headers: Record<string, string> = { cookie, "content-type": "application/json" };
  if (apiKey !== undefined) headers["x-api-key"] = apiKey;
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers,
    body: JSON.stringify({ query: "{ viewer { authenticatedBy } }" }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

function cookieOf(owner: SignedIn): string {
  const cookie = owner.client.sessionCookie;
  if (!cookie) throw new Error("signed up without a session cookie");
  return cookie;
}

/** Everything of a 429 that must not depend on which budget refused: body keys and RateLimit headers. */
function shapeOf(answer: Answer): unknown {
  const [error] = (answer.body as { errors: Array<{ message: string; extensions: Record<string, unknown> }> }).errors;
  const header = (name: string) => answer.headers.get(name);
  return {
    status: answer.status,
    message: error!.message,
    extensionKeys: Object.keys(error!.extensions).sort(),
    code: error!.extensions.code,
    headers: ["retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"].map(
      (name) => header(name) !== null,
    ),
    retryAfterMatches: header("retry-after") === String(error!.extensions.retryAfter),
    remaining: header("ratelimit-remaining"),
    policy: header("ratelimit-policy") === `${header("ratelimit-limit")};w=60`,
  };
}

function expectSessionRefusal(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({
    errors: [
      { message: "Too Many Requests", extensions: { code: "RATE_LIMITED", limit: FREE_SESSION_BUDGET, retryAfter: expect.any(Number) } },
    ],
  });
  expect([answer.headers.get("ratelimit-limit"), answer.headers.get("ratelimit-remaining")]).toEqual([String(FREE_SESSION_BUDGET), "0"]);
  expect(answer.headers.get("ratelimit-policy")).toBe(`${FREE_SESSION_BUDGET};w=60`);
  expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(Number(answer.headers.get("retry-after"))).toBeLessThanOrEqual(60);
}

/** Sends `count` session requests at once, spread over `urls`; returns the answers. */
function burst(urls: string[], cookie: string, count: number): Promise<Answer[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => viewer(urls[i % urls.length]!, cookie)));
}

describe("the session budget on one instance (no Redis)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it(`lets exactly ${FREE_SESSION_BUDGET} of 300 parallel session requests of a Free account through, with RateLimit headers`, async () => {
    const owner = await signUp(server);
    const answers = await burst([server.url], cookieOf(owner), 300);
    const passed = answers.filter((a) => a.status === 200);
    expect(passed).toHaveLength(FREE_SESSION_BUDGET);
    for (const answer of passed) expect(answer.headers.get("ratelimit-limit")).toBe(String(FREE_SESSION_BUDGET));
    const remaining = passed.map((a) => Number(a.headers.get("ratelimit-remaining"))).sort((x, y) => x - y);
    expect(remaining).toEqual(Array.from({ length: FREE_SESSION_BUDGET }, (_, i) => i));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(300 - FREE_SESSION_BUDGET);
    for (const answer of refused) expectSessionRefusal(answer);
  });

  it("charges session mutations too: createApiKey past the budget is refused and creates nothing", async () => {
    const owner = await signUp(server);
    await burst([server.url], cookieOf(owner), FREE_SESSION_BUDGET);
    const refused = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { cookie: cookieOf(owner), "content-type": "application/json" },
      body: JSON.stringify({ query: 'mutation { createApiKey(input: { name: "late" }) { value } }' }),
    });
    expectSessionRefusal({ status: refused.status, body: (await refused.json()) as Record<string, unknown>, headers: refused.headers });
    expect(await server.server.services.store.apiKeys.countByAccount(owner.accountId)).toBe(0);
  });

  it("charges session requests to REST routes too (then 401: REST takes keys only)", async () => {
    const owner = await signUp(server);
    const first = await fetch(`${server.url}/api/runs/run_x`, { headers: { cookie: cookieOf(owner) } });
    expect(first.status).toBe(401);
    expect([first.headers.get("ratelimit-limit"), first.headers.get("ratelimit-remaining")]).toEqual([
      String(FREE_SESSION_BUDGET),
      String(FREE_SESSION_BUDGET - 1),
    ]);
  });

  it("charges a request with both a key and the cookie once, to the key", async () => {
    const owner = await signUp(server);
    const key = await createKey(owner, "free");
    // createApiKey itself was a session request: one spent.
    for (let i = 0; i < 5; i++) {
      const both = await viewer(server.url, cookieOf(owner), key.value);
      expect(both.status).toBe(200);
      expect([both.headers.get("ratelimit-limit"), both.headers.get("ratelimit-remaining")]).toEqual(["10", String(9 - i)]);
    }
    const sessionOnly = await viewer(server.url, cookieOf(owner));
    expect([sessionOnly.headers.get("ratelimit-limit"), sessionOnly.headers.get("ratelimit-remaining")]).toEqual([
      String(FREE_SESSION_BUDGET),
      String(FREE_SESSION_BUDGET - 2),
    ]);
  });

  it("refuses with the same 429 body and headers as a key's budget", async () => {
    const owner = await signUp(server);
    const key = await createKey(owner, "free");
    const keyAnswers = await Promise.all(Array.from({ length: 11 }, () => viewer(server.url, "knouds_other=1", key.value)));
    const keyRefusal = keyAnswers.find((a) => a.status === 429)!;
    const sessionAnswers = await burst([server.url], cookieOf(owner), FREE_SESSION_BUDGET + 1);
    const sessionRefusal = sessionAnswers.find((a) => a.status === 429)!;
    expect(shapeOf(sessionRefusal)).toEqual(shapeOf(keyRefusal));
    expect(shapeOf(sessionRefusal)).toMatchObject({ code: "RATE_LIMITED", remaining: "0", policy: true, retryAfterMatches: true });
  });

  it("leaves sign-up (no session yet) to its own limits: no session RateLimit headers", async () => {
    const anonymous = await new Client(server.url).graphql(SignUp, {
      input: { email: `user-${Date.now()}@example.com`, password: "correct horse battery" },
    });
    expect(anonymous.headers.get("ratelimit-limit")).toBeNull();
  });
});

describe.skipIf(skipReason !== null)("the session budget across two instances sharing Redis", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ size: 2 });
  });
  afterAll(() => cluster?.stop());

  it(`lets exactly ${FREE_SESSION_BUDGET} of 300 parallel session requests through, spread over both`, async () => {
    const urls = cluster.instances.map((instance) => instance.url);
    const client = new Client(urls[0]!);
    const signedUp = await client.graphql(SignUp, {
      input: { email: `user-${Date.now()}@example.com`, password: "correct horse battery" },
    });
    expect(signedUp.data).toBeTruthy();
    const answers = await burst(urls, client.sessionCookie!, 300);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(FREE_SESSION_BUDGET);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(300 - FREE_SESSION_BUDGET);
    for (const answer of refused) expectSessionRefusal(answer);
    // Both instances refused some: the count is one, not one per instance.
    for (const url of urls) expectSessionRefusal(await viewer(url, client.sessionCookie!));
  });
});
