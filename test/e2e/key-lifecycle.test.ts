/**
 * docs/keys.md#key-lifecycle on one instance, over HTTP: roll with grace, expiry, rename, last use, the
 * verification reasons behind the one 401, and leak reports.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLL_SETTLE_MS } from "../../src/domain/key-lifecycle.js";
import { KEY_PREFIX } from "../../src/domain/keys.js";
import { LEAK_REPORTS_PER_MINUTE } from "../../src/limits/leak-reports.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { ACCEPTED, UNAUTHORIZED_BODY, endedAt, probeKey, probeUntilRefused } from "../support/key-probe.js";
import { CreateExpiringApiKey, KeyDetails, RenameApiKey, RollApiKey } from "../support/key-lifecycle-operations.js";
import { DeleteApiKey } from "../support/operations.js";
import { nodes } from "../support/pages.js";
import { startServer, type TestServer } from "../support/server.js";
import { CREATED_KEYS_FILE, suiteRoot } from "../support/suite.js";

const DAY_MS = 86_400_000;
const source = { address: "127.0.0.1", userAgent: undefined };

async function roll(owner: SignedIn, id: string, graceSeconds: number) {
  const answer = await owner.client.graphql(RollApiKey, { id, graceSeconds });
  if (!answer.data) throw new Error(`rollApiKey failed: ${answer.text}`);
  return answer.data.rollApiKey;
}

async function details(owner: SignedIn, id: string) {
  const answer = await owner.client.graphql(KeyDetails);
  return nodes(answer.data!.apiKeys).find((k) => k.id === id);
}

function reportLeak(url: string, key: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/keys/report-leak`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ key }),
  });
}

describe("key lifecycle on one instance", () => {
  let server: TestServer;
  let owner: SignedIn;
  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server, { tier: "pro" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("roll", () => {
    it("gives the same key a new value shown once; the old value works until the grace ends, then 401 like a deleted key", async () => {
      const key = await createKey(owner, "deployment", "CI deploys");
      expect((await probeKey(server.url, key.value)).status).toBe(ACCEPTED);
      const rolled = await roll(owner, key.id, 2);
      expect(rolled.value).toMatch(/^knouds_live_[0-9A-Za-z]{38}$/);
      expect(rolled.value).not.toBe(key.value);
      expect(rolled.apiKey).toMatchObject({ id: key.id, name: "CI deploys", scope: "deployment", previousStart: key.value.slice(12, 16) });
      expect(rolled.apiKey.start).toBe(rolled.value.slice(12, 16));
      const graceEndsAt = Date.parse(rolled.apiKey.graceEndsAt!);
      expect(graceEndsAt).toBeGreaterThan(Date.now());
      expect(graceEndsAt).toBeLessThanOrEqual(Date.now() + 2000);
      // Both values verify, as the same key; the list never shows either value again.
      expect((await probeKey(server.url, rolled.value)).status).toBe(ACCEPTED);
      const listed = await owner.client.graphql(KeyDetails);
      expect(listed.text).not.toContain(rolled.value.slice(12));
      expect(listed.text).not.toContain(key.value.slice(12));
      const answers = await probeUntilRefused(server.url, key.value, { everyMs: 50 });
      expect(endedAt(answers, graceEndsAt), JSON.stringify(answers)).toBe(true);
      expect((await probeKey(server.url, rolled.value)).status).toBe(ACCEPTED);
      expect(await details(owner, key.id)).toMatchObject({ graceEndsAt: null, previousStart: null });
    });

    it("with grace 0 the old value answers 401 on the very next request", async () => {
      const key = await createKey(owner);
      expect((await probeKey(server.url, key.value)).status).toBe(ACCEPTED);
      const rolled = await roll(owner, key.id, 0);
      expect(rolled.apiKey.graceEndsAt).toBeNull();
      expect(await probeKey(server.url, key.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
      expect((await probeKey(server.url, rolled.value)).status).toBe(ACCEPTED);
    });

    it("rolling again during a grace, once the first roll has settled, ends the earlier old value at once; the one just replaced gets the new grace", async () => {
      // The server's clock moves past the settle time between the two rolls.
      let skewMs = 0;
      const clocked = await startServer({ now: () => Date.now() + skewMs });
      try {
        const someone = await signUp(clocked, { tier: "pro" });
        const key = await createKey(someone);
        const first = await roll(someone, key.id, 3600);
        expect((await probeKey(clocked.url, key.value)).status).toBe(ACCEPTED);
        skewMs = ROLL_SETTLE_MS;
        const second = await roll(someone, key.id, 3600);
        expect(await probeKey(clocked.url, key.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
        expect((await probeKey(clocked.url, first.value)).status).toBe(ACCEPTED);
        expect((await probeKey(clocked.url, second.value)).status).toBe(ACCEPTED);
        expect(second.apiKey.previousStart).toBe(first.apiKey.start);
      } finally {
        await clocked.stop();
      }
    });

    it("answers CONFLICT to a roll sent right after another: the first caller's value stays current, the original keeps its grace", async () => {
      const key = await createKey(owner);
      const first = await roll(owner, key.id, 3600);
      const second = await owner.client.graphql(RollApiKey, { id: key.id, graceSeconds: 3600 });
      expect(second.data ?? null).toBeNull();
      expect(second.errors?.[0]?.extensions).toEqual({ code: "CONFLICT" });
      expect(second.errors?.[0]?.message).toMatch(
        /^The key was rolled at \S+ by another request, which holds its new value; a second roll within 30 s is refused as a race/,
      );
      expect((await probeKey(server.url, first.value)).status).toBe(ACCEPTED);
      expect((await probeKey(server.url, key.value)).status).toBe(ACCEPTED);
      expect(await details(owner, key.id)).toMatchObject({
        start: first.apiKey.start,
        previousStart: key.value.slice(KEY_PREFIX.length, KEY_PREFIX.length + first.apiKey.start.length),
      });
    });

    it("lets exactly one of concurrent rolls win; every other one answers CONFLICT and its value never works", async () => {
      const key = await createKey(owner);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => owner.client.graphql(RollApiKey, { id: key.id, graceSeconds: 3600 })),
      );
      const won = answers.filter((answer) => answer.data);
      expect(won, answers.map((answer) => answer.text).join("\n")).toHaveLength(1);
      for (const lost of answers.filter((answer) => !answer.data)) expect(lost.errors?.[0]?.extensions).toEqual({ code: "CONFLICT" });
      const value = won[0]!.data!.rollApiKey.value;
      expect((await probeKey(server.url, value)).status).toBe(ACCEPTED);
      expect(await details(owner, key.id)).toMatchObject({ start: won[0]!.data!.rollApiKey.apiKey.start });
    });

    it("deleting a rolled key kills both values at once", async () => {
      const key = await createKey(owner);
      const rolled = await roll(owner, key.id, 3600);
      expect((await probeKey(server.url, key.value)).status).toBe(ACCEPTED);
      expect((await probeKey(server.url, rolled.value)).status).toBe(ACCEPTED);
      await owner.client.graphql(DeleteApiKey, { id: key.id });
      expect(await probeKey(server.url, key.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
      expect(await probeKey(server.url, rolled.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
    });

    it("refuses a grace outside 0 to 7 days, someone else's key, and API-key callers", async () => {
      const key = await createKey(owner);
      for (const graceSeconds of [-1, 7 * 86_400 + 1]) {
        const answer = await owner.client.graphql(RollApiKey, { id: key.id, graceSeconds });
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "graceSeconds" }] });
      }
      expect((await roll(owner, key.id, 7 * 86_400)).apiKey.id).toBe(key.id);
      const stranger = await signUp(server);
      const foreign = await stranger.client.graphql(RollApiKey, { id: key.id, graceSeconds: 0 });
      expect(foreign.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
      const byKey = await new Client(server.url, key.value).graphql(RollApiKey, { id: key.id, graceSeconds: 0 });
      expect(byKey.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    });

    it("records rolled values for the suite's secret scan", async () => {
      const key = await createKey(owner);
      const rolled = await roll(owner, key.id, 0);
      expect(readFileSync(join(suiteRoot(), CREATED_KEYS_FILE), "utf8")).toContain(rolled.value);
    });
  });

  describe("expiry", () => {
    it("takes 7, 30 or 90 days (or any 1 to 366), an instant, or never", async () => {
      for (const days of [7, 30, 90]) {
        const before = Date.now();
        const created = await owner.client.graphql(CreateExpiringApiKey, { input: { name: `${days} days`, expiresInDays: days } });
        const expiresAt = Date.parse(created.data!.createApiKey.apiKey.expiresAt!);
        expect(expiresAt).toBeGreaterThanOrEqual(before + days * DAY_MS);
        expect(expiresAt).toBeLessThanOrEqual(Date.now() + days * DAY_MS);
      }
      const at = new Date(Date.now() + 45 * DAY_MS).toISOString();
      const exact = await owner.client.graphql(CreateExpiringApiKey, { input: { name: "dated", expiresAt: at } });
      expect(exact.data!.createApiKey.apiKey.expiresAt).toBe(at);
      const never = await owner.client.graphql(CreateExpiringApiKey, { input: { name: "forever" } });
      expect(never.data!.createApiKey.apiKey.expiresAt).toBeNull();
    });

    it("refuses past instants, more than 366 days ahead, nonsense, and both forms at once", async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ expiresAt: new Date(Date.now() - 1000).toISOString() }, "expiresAt"],
        [{ expiresAt: new Date(Date.now() + 367 * DAY_MS).toISOString() }, "expiresAt"],
        [{ expiresAt: "9999-12-31T00:00:00Z" }, "expiresAt"],
        [{ expiresInDays: 0 }, "expiresInDays"],
        [{ expiresInDays: 367 }, "expiresInDays"],
        [{ expiresInDays: 7, expiresAt: new Date(Date.now() + DAY_MS).toISOString() }, "expiresAt"],
      ];
      for (const [expiry, path] of cases) {
        const answer = await owner.client.graphql(CreateExpiringApiKey, { input: { name: "bad", ...expiry } });
        expect(answer.errors?.[0]?.extensions, JSON.stringify(expiry)).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path }] });
      }
      const garbage = await owner.client.graphql(CreateExpiringApiKey, { input: { name: "bad", expiresAt: "next tuesday" } });
      expect(garbage.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        details: [{ message: expect.stringMatching(/DateTime/) }],
      });
      expect(nodes((await owner.client.graphql(KeyDetails)).data!.apiKeys).filter((k) => k.name === "bad")).toEqual([]);
    });

    it("answers 401 with the docs' body from the instant it expires, even from the cache", async () => {
      const expiresAt = Date.now() + 2000;
      const created = await owner.client.graphql(CreateExpiringApiKey, {
        input: { name: "short-lived", expiresAt: new Date(expiresAt).toISOString() },
      });
      const { value } = created.data!.createApiKey;
      // Used before it expires, so the verification is cached (KNOUDS_KEY_CACHE_TTL_SECONDS is 30 s).
      expect((await probeKey(server.url, value)).status).toBe(ACCEPTED);
      const answers = await probeUntilRefused(server.url, value, { everyMs: 50 });
      expect(endedAt(answers, expiresAt), JSON.stringify(answers)).toBe(true);
    });
  });

  describe("rename", () => {
    it("renames with the create rules, leaving the value working", async () => {
      const key = await createKey(owner, "free", "old name");
      const renamed = await owner.client.graphql(RenameApiKey, { id: key.id, name: "  new name  " });
      expect(renamed.data?.renameApiKey).toMatchObject({ id: key.id, name: "new name", scope: "free" });
      for (const name of ["   ", "x".repeat(101)]) {
        const bad = await owner.client.graphql(RenameApiKey, { id: key.id, name });
        expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "name" }] });
      }
      const stranger = await signUp(server);
      const foreign = await stranger.client.graphql(RenameApiKey, { id: key.id, name: "mine" });
      expect(foreign.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
      expect((await details(owner, key.id))?.name).toBe("new name");
      expect((await probeKey(server.url, key.value)).status).toBe(ACCEPTED);
    });
  });

  describe("last used", () => {
    it("keeps time, client address and a cleaned, bounded user agent, written in batches", async () => {
      const key = await createKey(owner);
      const before = Date.now();
      // Tab and NEL (0x85) are the control characters HTTP lets through in a header.
      await probeKey(server.url, key.value, `curl/8.5\t\u0085 ${"x".repeat(400)}`);
      // Not written per request: nothing in the store until the batch flushes.
      expect((await details(owner, key.id))?.lastUsedAt).toBeNull();
      await server.server.services.verifier.flushLastUsed();
      const used = await details(owner, key.id);
      expect(Date.parse(used!.lastUsedAt!)).toBeGreaterThanOrEqual(before);
      expect(used?.lastUsedAddress).toBe("127.0.0.1");
      expect(used?.lastUsedUserAgent).toBe(`curl/8.5 ${"x".repeat(400)}`.slice(0, 256));
      expect(used?.lastUsedUserAgent).toHaveLength(256);
    });
  });

  describe("verification reasons", () => {
    it("says why a value is refused, while HTTP answers the one 401 body for every reason", async () => {
      const { verifier } = server.server.services;
      const valid = await createKey(owner);
      const expiring = await owner.client.graphql(CreateExpiringApiKey, {
        input: { name: "soon", expiresAt: new Date(Date.now() + 1000).toISOString() },
      });
      const expired = expiring.data!.createApiKey.value;
      const rolledOut = await createKey(owner);
      await roll(owner, rolledOut.id, 1);
      const deleted = await createKey(owner);
      await owner.client.graphql(DeleteApiKey, { id: deleted.id });
      await new Promise((resolve) => setTimeout(resolve, 1100));

      expect((await verifier.verify(valid.value, source)).outcome).toBe("VALID");
      expect((await verifier.verify(undefined, source)).outcome).toBe("MISSING");
      expect((await verifier.verify(`${valid.value.slice(0, -1)}!`, source)).outcome).toBe("MALFORMED");
      expect((await verifier.verify(deleted.value, source)).outcome).toBe("NOT_FOUND");
      expect(await verifier.verify(expired, source)).toMatchObject({ outcome: "EXPIRED", keyId: expiring.data!.createApiKey.apiKey.id });
      expect(await verifier.verify(rolledOut.value, source)).toMatchObject({ outcome: "ROLLED_OUT", keyId: rolledOut.id });
      for (const value of [`${valid.value.slice(0, -1)}!`, deleted.value, expired, rolledOut.value]) {
        expect(await probeKey(server.url, value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
      }
    });
  });

  describe("leak reports", () => {
    it("deletes a reported key at once and answers exactly as for a key that never existed", async () => {
      const key = await createKey(owner);
      const other = await createKey(owner);
      await owner.client.graphql(DeleteApiKey, { id: other.id });
      const reported = await reportLeak(server.url, key.value);
      const unknown = await reportLeak(server.url, other.value);
      for (const answer of [reported, unknown]) {
        expect(answer.status).toBe(202);
        expect(await answer.text()).toBe('{"received":true}');
      }
      const headerNames = (r: Response) => [...r.headers.keys()].filter((n) => !["date", "x-request-id"].includes(n));
      expect(headerNames(reported)).toEqual(headerNames(unknown));
      expect(await probeKey(server.url, key.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
      expect(await details(owner, key.id)).toBeUndefined();
    });

    it("takes a rolled key's old value while in grace as the key: the key goes, new value too", async () => {
      const key = await createKey(owner);
      const rolled = await roll(owner, key.id, 3600);
      expect((await reportLeak(server.url, key.value)).status).toBe(202);
      expect(await probeKey(server.url, rolled.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
    });

    it("leaves a key alone when the reported value is its old one past the grace", async () => {
      const key = await createKey(owner);
      const rolled = await roll(owner, key.id, 1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const answer = await reportLeak(server.url, key.value);
      expect(answer.status).toBe(202);
      expect(await answer.text()).toBe('{"received":true}');
      expect((await probeKey(server.url, rolled.value)).status).toBe(ACCEPTED);
    });

    it("refuses malformed values and bodies with 400, needing no authentication", async () => {
      const bad = await reportLeak(server.url, "knouds_live_notakey");
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: "INVALID_INPUT", details: [{ path: "key" }] });
      const empty = await fetch(`${server.url}/api/keys/report-leak`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(empty.status).toBe(400);
      const extra = await fetch(`${server.url}/api/keys/report-leak`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key: "x", more: 1 }),
      });
      expect(extra.status).toBe(400);
    });
  });
});

describe("leak report limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`allows ${LEAK_REPORTS_PER_MINUTE} reports per address per minute, then 429 with Retry-After`, async () => {
    const value = "knouds_live_notakey";
    for (let i = 0; i < LEAK_REPORTS_PER_MINUTE; i++) expect((await reportLeak(server.url, value)).status).toBe(400);
    const refused = await reportLeak(server.url, value);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: "Too Many Requests",
      code: "RATE_LIMITED",
      limit: LEAK_REPORTS_PER_MINUTE,
      retryAfter: expect.any(Number),
    });
  });
});
