/**
 * What a tenant may write where a timestamp, a handle or a name goes, over HTTP: RFC 3339
 * timestamps with an offset only, no handle that reads as a reserved one (above all the system
 * account's), no invisible or line-breaking characters in names.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { CreateExpiringApiKey, RenameApiKey } from "../support/key-lifecycle-operations.js";
import { CreateApiKey, SignUp } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow } from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE } from "../support/workflows.js";

const DAY_MS = 86_400_000;
const TIMESTAMP_MESSAGE =
  "DateTime must be an RFC 3339 date-time with an offset, such as 2026-12-31T23:59:59Z or 2026-12-31T23:59:59+02:00";

describe("input hygiene", () => {
  let server: TestServer;
  let owner: SignedIn;
  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server, { tier: "business" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("DateTime arguments", () => {
    /** A date in a month's time, written out as the test case wants it (all on a 28th, which every month has). */
    const ahead = new Date(Date.now() + 40 * DAY_MS);
    const y = ahead.getUTCFullYear();
    const m = String(ahead.getUTCMonth() + 1).padStart(2, "0");
    const monthName = ahead.toLocaleString("en-US", { month: "short", timeZone: "UTC" });

    it("refuses non-RFC 3339 forms and forms without an offset with BAD_USER_INPUT, as variables and inline; takes Z and ±hh:mm", async () => {
      const refused = [
        `${monthName} 28 ${y}`,
        `${y}-${m}-28`,
        `${y}-${m}-28T12:00:00`,
        `${y}-${m}-28T12:00:00.000`,
        `${y}-${m}-28 12:00:00Z`,
        `${y}${m}28T120000Z`,
        `${y}-${m}-28T12:00Z`,
        `${y}-${m}-28T12:00:00+0200`,
        `${y}-${m}-28T25:00:00Z`,
        `${y}-02-30T12:00:00Z`,
        `${y}-${m}-28T12:00:60Z`,
        `${ahead.getTime()}`,
      ];
      for (const expiresAt of refused) {
        const answer = await owner.client.graphql(CreateExpiringApiKey, { input: { name: "bad date", expiresAt } });
        expect(answer.errors?.[0]?.extensions, expiresAt).toMatchObject({
          code: "BAD_USER_INPUT",
          details: [{ message: TIMESTAMP_MESSAGE }],
        });
        expect(answer.data ?? null, expiresAt).toBeNull();
      }
      const inline = await owner.client.request("POST", "/graphql", {
        query: `mutation { createApiKey(input: { name: "bad date", expiresAt: "${monthName} 28 ${y}" }) { value } }`,
      });
      expect(inline.text).toContain("BAD_USER_INPUT");
      expect(inline.text).toContain(TIMESTAMP_MESSAGE);
      expect(inline.text).not.toContain('"value"');

      // RFC 3339 with Z or a numeric offset is taken, the offset read.
      const withOffset = await owner.client.graphql(CreateExpiringApiKey, {
        input: { name: "offset", expiresAt: `${y}-${m}-28T12:00:00.5+02:00` },
      });
      expect(withOffset.data?.createApiKey.apiKey.expiresAt, withOffset.text).toBe(`${y}-${m}-28T10:00:00.500Z`);
      const utc = await owner.client.graphql(CreateExpiringApiKey, { input: { name: "utc", expiresAt: `${y}-${m}-28T12:00:00z` } });
      expect(utc.data?.createApiKey.apiKey.expiresAt, utc.text).toBe(`${y}-${m}-28T12:00:00.000Z`);
    });
  });

  describe("handles", () => {
    const signUpAs = (handle: string) =>
      new Client(server.url).graphql(SignUp, {
        input: { email: `h-${randomUUID()}@example.com`, password: "correct horse battery", handle },
      });

    it("refuses handles that read as the system account's name, with a message saying so", async () => {
      for (const handle of ["kn0uds", "knouds-official", "official-knouds", "kn-ouds", "knoud5", "knouds1", "k-n-0-u-d-s-team"]) {
        const answer = await signUpAs(handle);
        expect(answer.errors?.[0]?.extensions, handle).toEqual({
          code: "BAD_USER_INPUT",
          details: [
            { path: "handle", message: `"${handle}" reads as the system account's name "knouds", which no other account may carry` },
          ],
        });
      }
    });

    it("refuses look-alikes of the other reserved handles, and keeps ordinary ones", async () => {
      for (const handle of ["adm1n", "a-d-m-i-n", "graph-q1", "nu11", "ap1"]) {
        const answer = await signUpAs(handle);
        expect(answer.errors?.[0]?.extensions, handle).toMatchObject({
          code: "BAD_USER_INPUT",
          details: [
            {
              path: "handle",
              message: expect.stringMatching(new RegExp(`^"${handle}" is reserved \\(it reads as one of knouds, api, admin,`)),
            },
          ],
        });
      }
      for (const handle of [
        `apiary-${randomUUID().slice(0, 6)}`,
        `administration-${randomUUID().slice(0, 6)}`,
        `known-${randomUUID().slice(0, 6)}`,
      ]) {
        expect((await signUpAs(handle)).data?.signUp.handle, handle).toBe(handle);
      }
    });

    it("never derives a handle that reads as the system account from an email", async () => {
      for (const local of ["kn0uds", "knouds.official", "Kn0uds_Team"]) {
        const answer = await new Client(server.url).graphql(SignUp, {
          input: { email: `${local}@${randomUUID()}.example.com`, password: "correct horse battery" },
        });
        expect(answer.data?.signUp.handle, answer.text).toMatch(/^user(-[a-z0-9]+)?$/);
      }
    });
  });

  describe("names", () => {
    const invisible: Array<[string, string]> = [
      ["\u2028", "must not contain line or paragraph separators (found U+2028)"],
      ["\u2029", "must not contain line or paragraph separators (found U+2029)"],
      ["\u200F", "must not contain invisible format characters such as directional marks (found U+200F)"],
      ["\u200E", "must not contain invisible format characters such as directional marks (found U+200E)"],
      ["\u061C", "must not contain invisible format characters such as directional marks (found U+061C)"],
      ["\u200B", "must not contain invisible format characters such as directional marks (found U+200B)"],
      ["\uFEFF", "must not contain invisible format characters such as directional marks (found U+FEFF)"],
      ["\u{E0041}", "must not contain invisible format characters such as directional marks (found U+E0041)"],
    ];

    it("refuses line and paragraph separators and invisible format characters in key names, at create and rename; keeps joiners", async () => {
      const key = await createKey(owner, undefined, "plain");
      for (const [character, message] of invisible) {
        const created = await owner.client.graphql(CreateApiKey, { input: { name: `ci${character}key` } });
        expect(created.errors?.[0]?.extensions, message).toEqual({ code: "BAD_USER_INPUT", details: [{ path: "name", message }] });
        const renamed = await owner.client.graphql(RenameApiKey, { id: key.id, name: `ci${character}key` });
        expect(renamed.errors?.[0]?.extensions, message).toEqual({ code: "BAD_USER_INPUT", details: [{ path: "name", message }] });
      }
      // The joiners scripts and emoji need stay allowed.
      for (const name of ["\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "dev \u{1F469}\u200D\u{1F4BB}"]) {
        const created = await owner.client.graphql(CreateApiKey, { input: { name } });
        expect(created.errors, created.text).toBeUndefined();
      }
    });

    it("refuses them in account and workflow names too", async () => {
      const admin = new Client(server.url, (await createKey(owner, "admin")).value);
      for (const [character, message] of invisible) {
        const account = await new Client(server.url).graphql(SignUp, {
          input: { email: `n-${randomUUID()}@example.com`, password: "correct horse battery", name: `Ev${character}e` },
        });
        expect(account.errors?.[0]?.extensions, message).toEqual({ code: "BAD_USER_INPUT", details: [{ path: "name", message }] });
        const workflow = await admin.graphql(CreateWorkflow, {
          input: { id: `named-${randomUUID().slice(0, 8)}`, name: `fl${character}ow`, visibility: "private", ...PROMPT_TO_IMAGE },
        });
        expect(workflow.errors?.[0]?.extensions, message).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "name", message }] });
      }
    });
  });
});
