/**
 * The audit log (docs/keys.md#the-audit-log): each event is recorded with its actor, address and user agent
 * (bounded, control characters stripped), never a key value or a password; it pages as a
 * Relay connection, the operator CLI prints it, and retention prunes it.
 */
import { readFileSync, readdirSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_AUDIT_USER_AGENT_LENGTH } from "../../src/audit/client.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { DeleteApiKey, SetAccountTier, SetApiKeyScope } from "../support/operations.js";
import { ROOT, run } from "../support/process.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateExpiringApiKey, RenameApiKey, RollApiKey } from "../support/key-lifecycle-operations.js";
import { AuditEvents } from "../support/usage-operations.js";

const PASSWORD = "correct horse battery";
const WRONG_PASSWORD = "wrong-password-Zq81";
// The control characters HTTP lets through in a header — tab and the C1 range (CSI, NEL) — and
// more than the log keeps; the log must keep none of them.
const HOSTILE_AGENT = `\tEvil/1.0\u009b31m \u0085next${"x".repeat(2 * MAX_AUDIT_USER_AGENT_LENGTH)}`;

/** Signs in with a chosen user agent (node:http, which sends header bytes as given); returns the error code, if any. */
async function signInAs(url: string, email: string, password: string, userAgent: string): Promise<string | null> {
  const body = JSON.stringify({
    query: "mutation ($input: SignInInput!) { signIn(input: $input) { id } }",
    variables: { input: { email, password } },
  });
  const text = await new Promise<string>((resolve, reject) => {
    const sent = request(
      `${url}/graphql`,
      { method: "POST", headers: { "content-type": "application/json", "user-agent": userAgent } },
      (response) => {
        let received = "";
        response
          .setEncoding("utf8")
          .on("data", (chunk: string) => (received += chunk))
          .on("end", () => resolve(received));
      },
    );
    sent.on("error", reject).end(body);
  });
  const answer = JSON.parse(text) as { errors?: Array<{ extensions: { code: string } }> };
  return answer.errors?.[0]?.extensions.code ?? null;
}

describe("the audit log", () => {
  let server: TestServer;
  let owner: SignedIn;
  let admin: SignedIn;
  const cli = (args: string[]) =>
    run(process.execPath, ["--import", "tsx", join(ROOT, "src/cli.ts"), ...args], { KNOUDS_DATA_DIR: server.dataDir, LOG_LEVEL: "warn" });

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_AUDIT_RETENTION_DAYS: "30" } });
    owner = await signUp(server);
    admin = await signUp(server, { tier: "business", platformAdmin: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("records key, tier, admin and sign-in events with actor, address and user agent, and never a secret", async () => {
    expect(await signInAs(server.url, owner.email, WRONG_PASSWORD, HOSTILE_AGENT)).toBe("UNAUTHENTICATED");
    expect(await signInAs(server.url, owner.email, PASSWORD, "Mozilla/5.0 (X11; Linux x86_64) Chromium/140")).toBeNull();
    // An address trying an email no account has leaves nothing in anyone's log.
    expect(await signInAs(server.url, "nobody@example.com", WRONG_PASSWORD, "curl/8.5.0")).toBe("UNAUTHENTICATED");

    const key = await createKey(owner, "free", "CI deploys");
    expect((await admin.client.graphql(SetApiKeyScope, { id: key.id, scope: "deployment" })).errors).toBeUndefined();
    expect((await admin.client.graphql(SetAccountTier, { accountId: owner.accountId, tier: "pro" })).errors).toBeUndefined();
    expect((await owner.client.graphql(DeleteApiKey, { id: key.id })).errors).toBeUndefined();
    for (const args of [
      ["set-tier", "--email", owner.email, "--tier", "business"],
      ["grant-platform-admin", "--email", owner.email],
    ]) {
      const done = await cli(args);
      expect(done.code, done.stderr).toBe(0);
    }

    const answer = await owner.client.graphql(AuditEvents, { first: 100 });
    expect(answer.errors, answer.text).toBeUndefined();
    const events = answer.data!.auditEvents.edges.map((edge) => edge.node);
    const ownerActor = { kind: "ACCOUNT", accountId: owner.accountId, email: owner.email, platformAdmin: false };
    const adminActor = { kind: "ACCOUNT", accountId: admin.accountId, email: admin.email, platformAdmin: true };
    const operator = { kind: "OPERATOR", accountId: null, email: null, platformAdmin: false };
    const local = expect.stringMatching(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    expect(events.map(({ type, actor, keyName, details }) => ({ type, actor, keyName, details }))).toEqual([
      { type: "ACCOUNT_PLATFORM_ADMIN_CHANGED", actor: operator, keyName: null, details: { platformAdmin: true } },
      { type: "ACCOUNT_TIER_CHANGED", actor: operator, keyName: null, details: { tier: "business", previousTier: "pro" } },
      { type: "KEY_DELETED", actor: ownerActor, keyName: "CI deploys", details: {} },
      { type: "ACCOUNT_TIER_CHANGED", actor: adminActor, keyName: null, details: { tier: "pro", previousTier: "free" } },
      { type: "KEY_RESCOPED", actor: adminActor, keyName: "CI deploys", details: { scope: "deployment", previousScope: "free" } },
      { type: "KEY_CREATED", actor: ownerActor, keyName: "CI deploys", details: { scope: "free" } },
      { type: "ACCOUNT_SIGNED_IN", actor: ownerActor, keyName: null, details: {} },
      {
        type: "ACCOUNT_SIGN_IN_FAILED",
        actor: { kind: "ANONYMOUS", accountId: null, email: null, platformAdmin: false },
        keyName: null,
        details: {},
      },
    ]);
    const [cliEvent, , deleted, , , created, signedIn, failed] = events;
    expect(cliEvent!.client).toBeNull();
    expect(deleted!.keyId).toBe(key.id);
    expect(created!.client).toEqual({ address: local, userAgent: expect.any(String) });
    expect(signedIn!.client).toEqual({ address: local, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chromium/140" });
    expect(failed!.client!.address).toEqual(local);
    const agent = failed!.client!.userAgent!;
    // Around the stripped controls, the rest of the text is kept as the server read it.
    expect(agent).toMatch(/^Evil\/1\.0.?31m .?nextxxx/);
    expect(agent).toHaveLength(MAX_AUDIT_USER_AGENT_LENGTH);
    expect(agent).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);

    // No key value and no password, in the answer or anywhere in the data directory.
    const files = readdirSync(server.dataDir).map((name) => join(server.dataDir, name));
    for (const secret of [key.value, key.value.slice("knouds_live_".length), PASSWORD, WRONG_PASSWORD]) {
      expect(answer.text.includes(secret)).toBe(false);
      for (const file of files.filter((f) => /knouds\.db/.test(f))) expect(readFileSync(file).includes(secret), file).toBe(false);
    }

    const printed = await cli(["audit", "--email", owner.email]);
    expect(printed.code, printed.stderr).toBe(0);
    const lines = printed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; type: string; at: string; client: unknown });
    // The same events, names (KEY_DELETED, OPERATOR) and ISO 8601 times as the API and the docs.
    expect(lines).toEqual(events);
    expect(lines.map((line) => line.type)).toContain("KEY_DELETED");
    expect(lines[0]!.type).toBe("ACCOUNT_PLATFORM_ADMIN_CHANGED");
    for (const line of lines) expect(line.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines.at(-1)!.client).toMatchObject({ address: local });
    for (const secret of [key.value, PASSWORD, WRONG_PASSWORD]) expect(printed.stdout.includes(secret)).toBe(false);
    const limited = await cli(["audit", "--email", owner.email, "--limit", "2"]);
    expect(limited.stdout.trim().split("\n")).toHaveLength(2);
  });

  it("records rolls, renames, leak reports and expiry, with no key value in any event", async () => {
    const account = await signUp(server, { tier: "pro" });
    const key = await createKey(account, "deployment", "rotating");
    const rolled = await account.client.graphql(RollApiKey, { id: key.id, graceSeconds: 60 });
    expect(rolled.errors).toBeUndefined();
    expect((await account.client.graphql(RenameApiKey, { id: key.id, name: "rotated" })).errors).toBeUndefined();
    const leaked = await fetch(`${server.url}/api/keys/report-leak`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "secret-scanner/1.0" },
      body: JSON.stringify({ key: rolled.data!.rollApiKey.value }),
    });
    expect(leaked.status).toBe(202);
    const expiring = await account.client.graphql(CreateExpiringApiKey, {
      input: { name: "short-lived", expiresAt: new Date(Date.now() + 1500).toISOString() },
    });
    const expiringValue = expiring.data!.createApiKey.value;
    const refused = async () =>
      (
        await fetch(`${server.url}/api/workflows/knouds/hello-world/run`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": expiringValue },
          body: JSON.stringify({ inputs: { name: "x" } }),
        })
      ).status;
    while ((await refused()) !== 401) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await refused()).toBe(401); // a second refusal records nothing more

    const page = await account.client.graphql(AuditEvents, { first: 100 });
    const events = page.data!.auditEvents.edges.map((edge) => edge.node);
    const of = (type: string) => events.filter((event) => event.type === type);
    expect(of("KEY_ROLLED")).toMatchObject([{ keyId: key.id, details: { graceSeconds: 60 }, actor: { kind: "ACCOUNT" } }]);
    expect(of("KEY_RENAMED")).toMatchObject([
      { keyId: key.id, keyName: "rotated", details: { name: "rotated", previousName: "rotating" } },
    ]);
    expect(of("KEY_REPORTED_LEAKED")).toMatchObject([
      { keyId: key.id, actor: { kind: "ANONYMOUS" }, client: { userAgent: "secret-scanner/1.0" } },
    ]);
    expect(of("KEY_EXPIRED")).toMatchObject([{ keyName: "short-lived", actor: { kind: "SYSTEM" } }]);
    const text = JSON.stringify(events);
    for (const value of [key.value, rolled.data!.rollApiKey.value, expiringValue]) expect(text).not.toContain(value.slice(12));
  });

  it("pages newest first (first/after, last/before) and refuses a page over 100 or a foreign cursor", async () => {
    const account = await signUp(server);
    for (let i = 0; i < 5; i++) await createKey(account, "free", `key ${i}`);
    const all = (await account.client.graphql(AuditEvents, {})).data!.auditEvents;
    expect(all.edges.map((edge) => edge.node.keyName)).toEqual(["key 4", "key 3", "key 2", "key 1", "key 0"]);

    const first = (await account.client.graphql(AuditEvents, { first: 2 })).data!.auditEvents;
    expect(first.edges.map((edge) => edge.node.keyName)).toEqual(["key 4", "key 3"]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = (await account.client.graphql(AuditEvents, { first: 2, after: first.pageInfo.endCursor })).data!.auditEvents;
    expect(next.edges.map((edge) => edge.node.keyName)).toEqual(["key 2", "key 1"]);
    const back = (await account.client.graphql(AuditEvents, { last: 1, before: next.pageInfo.startCursor })).data!.auditEvents;
    expect(back.edges.map((edge) => edge.node.keyName)).toEqual(["key 3"]);

    const tooMany = await account.client.graphql(AuditEvents, { first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      details: [{ path: "first", message: "must be between 0 and 100; page through longer lists with after: pageInfo.endCursor" }],
    });
    const both = await account.client.graphql(AuditEvents, { first: 2, last: 2 });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "last" }] });
    const forged = await account.client.graphql(AuditEvents, { after: "'; DROP TABLE audit_events; --" });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "after" }] });

    // Only the signed-in account's own log, and only with a session.
    const others = (await owner.client.graphql(AuditEvents, { first: 100 })).data!.auditEvents.edges;
    expect(others.some((edge) => edge.node.keyName?.startsWith("key "))).toBe(false);
    const key = await createKey(account, "free");
    const byKey = await new Client(server.url, key.value).graphql(AuditEvents, {});
    expect(byKey.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });

  it("prunes events older than the retention window (KNOUDS_AUDIT_RETENTION_DAYS), and only those", async () => {
    const account = await signUp(server);
    await createKey(account, "free", "kept for now");
    const audit = server.server.services.audit;
    const count = async () => (await account.client.graphql(AuditEvents, { first: 100 })).data!.auditEvents.edges.length;
    expect(await count()).toBe(1);
    await audit.prune(Date.now() + 29 * 86_400_000);
    expect(await count()).toBe(1);
    expect(await audit.prune(Date.now() + 31 * 86_400_000)).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(0);
  });
});
