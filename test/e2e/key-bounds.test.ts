/**
 * How many keys an account may hold (a tenant-controlled count, bounded), and when a platform
 * admin's key for another account counts as a scope the admin assigned (docs/keys.md#scopes-and-tiers: only a scope
 * the admin chose stands when the account's tier changes).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_KEYS_PER_ACCOUNT } from "../../src/auth/api-keys.js";
import { createKey, signUp } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { CreateApiKey, DeleteApiKey, SetAccountTier, Viewer } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { recordKeyValuesIn } from "../support/suite.js";

describe("keys per account and platform-admin scopes", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  /** Gives the account `count` keys the way the service makes them (the API allows 60 a minute). */
  async function fill(accountId: string, count: number): Promise<void> {
    const account = (await server.server.services.accounts.findById(accountId))!;
    for (let i = 0; i < count; i++) {
      const { value } = await server.server.services.apiKeys.create(account, account, `filler ${i}`);
      recordKeyValuesIn(value);
    }
  }

  it(`refuses a key beyond ${MAX_KEYS_PER_ACCOUNT} with BAD_USER_INPUT, exactly under parallel creates, and allows one again after a delete`, async () => {
    const owner = await signUp(server, { tier: "pro" });
    await fill(owner.accountId, MAX_KEYS_PER_ACCOUNT - 2);
    const parallel = await Promise.all(
      Array.from({ length: 5 }, (_, i) => owner.client.graphql(CreateApiKey, { input: { name: `last ${i}` } })),
    );
    const created = parallel.filter((r) => r.data?.createApiKey);
    expect(created).toHaveLength(2);
    for (const refused of parallel.filter((r) => !r.data?.createApiKey)) {
      expect(refused.errors?.[0]?.extensions).toEqual({
        code: "BAD_USER_INPUT",
        details: [{ path: "", message: `an account holds at most ${MAX_KEYS_PER_ACCOUNT} keys; delete one before creating another` }],
      });
    }
    const deleted = await owner.client.graphql(DeleteApiKey, { id: created[0]!.data!.createApiKey.apiKey.id });
    expect(deleted.errors).toBeUndefined();
    expect((await createKey(owner)).value).toMatch(/^knouds_live_/);
    expect((await owner.client.graphql(CreateApiKey, { input: { name: "one too many" } })).errors?.[0]?.extensions.code).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("counts exactly when the key service is called in parallel (creates for one account take turns)", async () => {
    const owner = await signUp(server, { tier: "pro" });
    await fill(owner.accountId, MAX_KEYS_PER_ACCOUNT - 1);
    const account = (await server.server.services.accounts.findById(owner.accountId))!;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => server.server.services.apiKeys.create(account, account, `racer ${i}`)),
    );
    for (const outcome of outcomes) if (outcome.status === "fulfilled") recordKeyValuesIn(outcome.value.value);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await server.server.services.store.apiKeys.countByAccount(owner.accountId)).toBe(MAX_KEYS_PER_ACCOUNT);
  });

  it("does not mark a key a platform admin created for another account without choosing a scope: it follows the tier", async () => {
    const business = await signUp(server, { tier: "business" });
    const platformAdmin = await signUp(server, { platformAdmin: true });
    const unchosen = await platformAdmin.client.graphql(CreateApiKey, { input: { name: "default scope", accountId: business.accountId } });
    expect(unchosen.data?.createApiKey.apiKey).toMatchObject({ scope: "admin", scopeAssignedByPlatformAdmin: false });
    const chosen = await platformAdmin.client.graphql(CreateApiKey, {
      input: { name: "chosen scope", scope: "admin", accountId: business.accountId },
    });
    expect(chosen.data?.createApiKey.apiKey).toMatchObject({ scope: "admin", scopeAssignedByPlatformAdmin: true });

    const downgraded = await platformAdmin.client.graphql(SetAccountTier, { accountId: business.accountId, tier: "free" });
    expect(downgraded.data?.setAccountTier.tier).toBe("free");
    const scopeOf = async (value: string) => (await new Client(server.url, value).graphql(Viewer)).data?.viewer?.effectiveScope;
    expect(await scopeOf(unchosen.data!.createApiKey.value)).toBe("free");
    expect(await scopeOf(chosen.data!.createApiKey.value)).toBe("admin");
  });
});
