import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES } from "../../src/domain/scopes.js";
import { createKey, signUp } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { nodes } from "../support/pages.js";
import {
  ApiKeys,
  CreateApiKey,
  DeleteApiKey,
  SetAccountTier,
  SetApiKeyScope,
  SignIn,
  SignOut,
  SignUp,
  Viewer,
} from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";

/** Every 12-character window of a key value. */
function slices(value: string): string[] {
  return Array.from({ length: value.length - 11 }, (_, i) => value.slice(i, i + 12));
}

function dataFiles(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
}

describe("accounts and API keys over GraphQL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("signs up, signs out and signs back in with the session cookie", async () => {
    const owner = await signUp(server);
    expect(owner.client.sessionCookie).toMatch(/^knouds_session=/);
    expect((await owner.client.graphql(Viewer)).data?.viewer).toMatchObject({
      authenticatedBy: "SESSION",
      effectiveScope: null,
      account: { email: owner.email, tier: "free" },
    });
    expect((await owner.client.graphql(SignOut)).data?.signOut).toBe(true);
    expect((await owner.client.graphql(Viewer)).data?.viewer).toBeNull();

    const wrong = await owner.client.graphql(SignIn, { input: { email: owner.email, password: "not the password" } });
    expect(wrong.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    const right = await owner.client.graphql(SignIn, { input: { email: owner.email, password: "correct horse battery" } });
    expect(right.data?.signIn.id).toBe(owner.accountId);
    expect((await owner.client.graphql(Viewer)).data?.viewer?.account.id).toBe(owner.accountId);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation($i: SignUpInput!) { signUp(input: $i) { id } }",
        variables: { i: { email: `cookie-${Date.now()}@example.com`, password: "long enough pw" } },
      }),
    });
    const cookie = response.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/knouds_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("marks the session cookie Secure when the request came over HTTPS through a trusted proxy", async () => {
    const proxied = await startServer({ env: { KNOUDS_TRUST_PROXY: "1" } });
    try {
      const signUpOver = (proto: string) =>
        fetch(`${proxied.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-proto": proto, "x-forwarded-for": "203.0.113.9" },
          body: JSON.stringify({
            query: "mutation($i: SignUpInput!) { signUp(input: $i) { id } }",
            variables: { i: { email: `secure-${proto}-${Date.now()}@example.com`, password: "long enough pw" } },
          }),
        }).then((response) => response.headers.getSetCookie().join("\n"));
      expect(await signUpOver("https")).toMatch(/knouds_session=.*; Secure/i);
      expect(await signUpOver("http")).not.toMatch(/Secure/i);
    } finally {
      await proxied.stop();
    }
  });

  it("refuses bad sign-up input with BAD_USER_INPUT details, and a taken email with CONFLICT", async () => {
    const client = new Client(server.url);
    const bad = await client.graphql(SignUp, { input: { email: "not-an-email", password: "short" } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      details: [
        { path: "email", message: expect.any(String) },
        { path: "password", message: expect.any(String) },
      ],
    });
    const owner = await signUp(server);
    const twin = await new Client(server.url).graphql(SignUp, {
      input: { email: owner.email.toUpperCase(), password: "another long password" },
    });
    expect(twin.errors?.[0]?.extensions.code).toBe("CONFLICT");
  });

  it("creates a key of each allowed scope, shows the value once, and never again anywhere", async () => {
    const owner = await signUp(server, { tier: "business" });
    const created: string[] = [];
    for (const scope of SCOPES) {
      const { value } = await createKey(owner, scope, `${scope} key`);
      expect(value).toMatch(/^knouds_live_[0-9A-Za-z]{32,}$/);
      created.push(value);
      const viewer = await owner.client.withKey(value).graphql(Viewer);
      expect(viewer.data?.viewer?.effectiveScope).toBe(scope);
    }
    const responsesBefore = owner.client.bodies.length;
    const listed = await owner.client.graphql(ApiKeys, {});
    expect(nodes(listed.data?.apiKeys).map((k) => k.scope)).toEqual(["admin", "deployment", "free"]);
    for (const key of nodes(listed.data!.apiKeys)) {
      expect(key.start).toHaveLength(4);
      expect(Date.parse(key.createdAt)).toBeGreaterThan(0);
    }
    await server.server.services.verifier.flushLastUsed();
    const afterUse = await owner.client.graphql(ApiKeys, {});
    expect(nodes(afterUse.data?.apiKeys).every((k) => k.lastUsedAt !== null)).toBe(true);

    const later = owner.client.bodies.slice(responsesBefore).join("\n");
    const logs = server.logs.join("\n");
    const disk = dataFiles(server.dataDir);
    for (const value of created) {
      for (const slice of slices(value)) {
        expect(later.includes(slice), `API response contains "${slice}"`).toBe(false);
        expect(logs.includes(slice), `logs contain "${slice}"`).toBe(false);
        expect(disk.includes(slice), `data files contain "${slice}"`).toBe(false);
      }
    }
  });

  it("defaults a new key to the tier ceiling", async () => {
    const pro = await signUp(server, { tier: "pro" });
    const created = await pro.client.graphql(CreateApiKey, { input: { name: "default" } });
    expect(created.data?.createApiKey.apiKey.scope).toBe("deployment");
  });

  it("refuses admin to a Pro account and gives it to a Business account", async () => {
    const pro = await signUp(server, { tier: "pro" });
    const refused = await pro.client.graphql(CreateApiKey, { input: { name: "too much", scope: "admin" } });
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toEqual({ code: "SCOPE_ABOVE_CEILING", requested: "admin", ceiling: "deployment" });
    expect(nodes((await pro.client.graphql(ApiKeys, {})).data?.apiKeys)).toEqual([]);

    const business = await signUp(server, { tier: "business" });
    const { value } = await createKey(business, "admin");
    expect((await business.client.withKey(value).graphql(Viewer)).data?.viewer?.effectiveScope).toBe("admin");
  });

  it("lets a platform admin put admin on a Free account's key, and it works", async () => {
    const free = await signUp(server);
    const { id, value } = await createKey(free, "free");
    const platformAdmin = await signUp(server, { platformAdmin: true });

    const denied = await free.client.graphql(SetApiKeyScope, { id, scope: "admin" });
    expect(denied.errors?.[0]?.extensions.code).toBe("FORBIDDEN");

    const set = await platformAdmin.client.graphql(SetApiKeyScope, { id, scope: "admin" });
    expect(set.data?.setApiKeyScope).toEqual({ id, scope: "admin", scopeAssignedByPlatformAdmin: true });
    expect((await free.client.withKey(value).graphql(Viewer)).data?.viewer?.effectiveScope).toBe("admin");
  });

  it("lets a platform admin create a key of any scope for another account", async () => {
    const free = await signUp(server);
    const platformAdmin = await signUp(server, { platformAdmin: true });
    const created = await platformAdmin.client.graphql(CreateApiKey, {
      input: { name: "granted", scope: "admin", accountId: free.accountId },
    });
    expect(created.data?.createApiKey.apiKey).toMatchObject({ scope: "admin", scopeAssignedByPlatformAdmin: true });
    const listed = await free.client.graphql(ApiKeys, {});
    expect(nodes(listed.data?.apiKeys).map((k) => k.name)).toEqual(["granted"]);

    const notAdmin = await free.client.graphql(CreateApiKey, {
      input: { name: "sneaky", accountId: platformAdmin.accountId },
    });
    expect(notAdmin.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
  });

  it("turns an admin key into deployment on its next request when Business is downgraded to Pro", async () => {
    const business = await signUp(server, { tier: "business" });
    const { value } = await createKey(business, "admin");
    const keyClient = business.client.withKey(value);
    expect((await keyClient.graphql(Viewer)).data?.viewer?.effectiveScope).toBe("admin");

    const platformAdmin = await signUp(server, { platformAdmin: true });
    const downgraded = await platformAdmin.client.graphql(SetAccountTier, { accountId: business.accountId, tier: "pro" });
    expect(downgraded.data?.setAccountTier.tier).toBe("pro");

    const after = await keyClient.graphql(Viewer);
    expect(after.data?.viewer).toMatchObject({ effectiveScope: "deployment", apiKey: { scope: "admin" } });
  });

  it("answers UNAUTHENTICATED to a wrong key and to a deleted key, and refuses the very next request after delete", async () => {
    const owner = await signUp(server, { tier: "pro" });
    const { id, value } = await createKey(owner);
    const keyClient = new Client(server.url, value);
    expect((await keyClient.graphql(Viewer)).data?.viewer?.effectiveScope).toBe("deployment");

    const wrong = await new Client(server.url, "knouds_live_definitelyNotARealKeyButLongEnough1").graphql(Viewer);
    expect(wrong.status).toBe(401);
    expect(wrong.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");

    const deleted = await owner.client.graphql(DeleteApiKey, { id });
    expect(deleted.data?.deleteApiKey.id).toBe(id);
    const next = await keyClient.graphql(Viewer);
    expect(next.status).toBe(401);
    expect(next.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(nodes((await owner.client.graphql(ApiKeys, {})).data?.apiKeys)).toEqual([]);
  });

  it("refuses a key with one flipped checksum character without asking the store", async () => {
    const owner = await signUp(server);
    const { value } = await createKey(owner);
    const last = value.at(-1) === "a" ? "b" : "a";
    const flipped = value.slice(0, -1) + last;
    const lookupsBefore = server.server.services.verifier.storeLookups;
    const response = await new Client(server.url, flipped).graphql(Viewer);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(server.server.services.verifier.storeLookups).toBe(lookupsBefore);

    // A well-formed but unknown key does reach the store: the counter can move.
    const { value: other } = await createKey(owner);
    await owner.client.graphql(DeleteApiKey, { id: nodes((await owner.client.graphql(ApiKeys, {})).data!.apiKeys)[0]!.id });
    await new Client(server.url, other).graphql(Viewer);
    expect(server.server.services.verifier.storeLookups).toBeGreaterThan(lookupsBefore);
  });

  it("does not let one account see or delete another account's keys", async () => {
    const alice = await signUp(server);
    const bob = await signUp(server);
    const { id } = await createKey(alice);
    const attempt = await bob.client.graphql(DeleteApiKey, { id });
    expect(attempt.errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    const peek = await bob.client.graphql(ApiKeys, { accountId: alice.accountId });
    expect(peek.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    expect(nodes((await alice.client.graphql(ApiKeys, {})).data?.apiKeys).map((k) => k.id)).toEqual([id]);
  });

  it("does not manage keys with an API key: key management needs a signed-in session", async () => {
    const owner = await signUp(server, { tier: "business" });
    const { value } = await createKey(owner, "admin");
    const byKey = await new Client(server.url, value).graphql(CreateApiKey, { input: { name: "from a key" } });
    expect(byKey.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });
});

describe("restarting the server", () => {
  it("keeps accounts and keys", async () => {
    const first = await startServer();
    const owner = await signUp(first, { tier: "pro" });
    const { value } = await createKey(owner);
    await first.stop();
    expect(existsSync(join(first.dataDir, "knouds.db"))).toBe(true);

    const second = await startServer({ dataDir: first.dataDir });
    try {
      const viewer = await new Client(second.url, value).graphql(Viewer);
      expect(viewer.data?.viewer?.account.email).toBe(owner.email);
      const again = new Client(second.url);
      const signedIn = await again.graphql(SignIn, { input: { email: owner.email, password: "correct horse battery" } });
      expect(signedIn.data?.signIn.tier).toBe("pro");
    } finally {
      await second.stop();
    }
  });
});
