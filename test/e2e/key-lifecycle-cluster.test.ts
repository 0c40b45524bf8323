/**
 * docs/keys.md#key-lifecycle across instances: two server processes share one SQLite directory, one secret and
 * Redis. A rolled key's old value and an expired key stop on B the instant they stop on A, even
 * though B has them cached; deletes of rolled keys and leak reports reach B on its next request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/client.js";
import { redisUnavailable, startCluster, type Cluster } from "../support/cluster.js";
import { ACCEPTED, UNAUTHORIZED_BODY, endedAt, probeKey, probeUntilRefused } from "../support/key-probe.js";
import { CreateExpiringApiKey, RollApiKey } from "../support/key-lifecycle-operations.js";
import { DeleteApiKey, SignIn } from "../support/operations.js";
import { createKey, type SignedIn } from "../support/accounts.js";

const skipReason = await redisUnavailable();
if (skipReason) console.log(`[key-lifecycle-cluster.test] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)("key lifecycle on two instances sharing Redis", () => {
  let cluster: Cluster;
  let a: string;
  let b: string;
  let owner: SignedIn;

  beforeAll(async () => {
    cluster = await startCluster({ size: 2 });
    [a, b] = cluster.instances.map((instance) => instance.url) as [string, string];
    const email = "lifecycle@example.com";
    const created = await cluster.cli(["create-account", "--email", email, "--password", "correct horse battery", "--tier", "pro"]);
    expect(created.code, created.stderr).toBe(0);
    const client = new Client(a);
    const signedIn = await client.graphql(SignIn, { input: { email, password: "correct horse battery" } });
    owner = { client, accountId: signedIn.data!.signIn.id, handle: signedIn.data!.signIn.handle, email };
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it("rejects a rolled key's old value on B from the instant its grace ends on A", async () => {
    const key = await createKey(owner);
    // B verifies (and caches) the old value before the roll.
    expect((await probeKey(b, key.value)).status).toBe(ACCEPTED);
    const rolled = await owner.client.graphql(RollApiKey, { id: key.id, graceSeconds: 2 });
    const { value, apiKey } = rolled.data!.rollApiKey;
    const graceEndsAt = Date.parse(apiKey.graceEndsAt!);
    expect((await probeKey(b, value)).status).toBe(ACCEPTED);
    const answers = await probeUntilRefused(b, key.value, { everyMs: 50 });
    expect(endedAt(answers, graceEndsAt), JSON.stringify(answers)).toBe(true);
    expect(answers.filter((x) => x.status === ACCEPTED).length).toBeGreaterThan(0);
    expect((await probeKey(a, key.value)).status).toBe(401);
    expect((await probeKey(b, value)).status).toBe(ACCEPTED);
  });

  it("answers CONFLICT on B to a roll sent right after one on A, and lets one of concurrent rolls on A and B win", async () => {
    const onB = owner.client.withBaseUrl(b);
    const key = await createKey(owner);
    const first = (await owner.client.graphql(RollApiKey, { id: key.id, graceSeconds: 3600 })).data!.rollApiKey;
    const second = await onB.graphql(RollApiKey, { id: key.id, graceSeconds: 3600 });
    expect(second.errors?.[0]?.extensions, second.text).toEqual({ code: "CONFLICT" });
    expect((await probeKey(b, first.value)).status).toBe(ACCEPTED);
    expect((await probeKey(a, key.value)).status).toBe(ACCEPTED);

    const other = await createKey(owner);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? owner.client : onB).graphql(RollApiKey, { id: other.id, graceSeconds: 3600 })),
    );
    const won = answers.filter((answer) => answer.data);
    expect(won, answers.map((answer) => answer.text).join("\n")).toHaveLength(1);
    for (const lost of answers.filter((answer) => !answer.data)) expect(lost.errors?.[0]?.extensions).toEqual({ code: "CONFLICT" });
    for (const url of [a, b]) expect((await probeKey(url, won[0]!.data!.rollApiKey.value)).status).toBe(ACCEPTED);
  });

  it("answers 401 for an expired key on both instances from its expiry on", async () => {
    const expiresAt = Date.now() + 2500;
    const created = await owner.client.graphql(CreateExpiringApiKey, {
      input: { name: "short-lived", expiresAt: new Date(expiresAt).toISOString() },
    });
    const { value } = created.data!.createApiKey;
    expect((await probeKey(a, value)).status).toBe(ACCEPTED);
    expect((await probeKey(b, value)).status).toBe(ACCEPTED);
    const [onA, onB] = await Promise.all([probeUntilRefused(a, value, { everyMs: 50 }), probeUntilRefused(b, value, { everyMs: 50 })]);
    expect(endedAt(onA, expiresAt), JSON.stringify(onA)).toBe(true);
    expect(endedAt(onB, expiresAt), JSON.stringify(onB)).toBe(true);
  });

  it("deleting a rolled key on A kills both its values on B's next request", async () => {
    const key = await createKey(owner);
    const rolled = (await owner.client.graphql(RollApiKey, { id: key.id, graceSeconds: 3600 })).data!.rollApiKey;
    expect((await probeKey(b, key.value)).status).toBe(ACCEPTED);
    expect((await probeKey(b, rolled.value)).status).toBe(ACCEPTED);
    await owner.client.graphql(DeleteApiKey, { id: key.id });
    expect(await probeKey(b, key.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
    expect(await probeKey(b, rolled.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
  });

  it("a leak report on A deletes the key on B's next request", async () => {
    const key = await createKey(owner);
    expect((await probeKey(b, key.value)).status).toBe(ACCEPTED);
    const report = await fetch(`${a}/api/keys/report-leak`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: key.value }),
    });
    expect(report.status).toBe(202);
    expect(await probeKey(b, key.value)).toMatchObject({ status: 401, text: UNAUTHORIZED_BODY });
  });
});
