/**
 * docs/limits.md#multi-tenant-safety: sign-in attempts are limited per address across all emails, and password hashing is
 * bounded, so spraying from one address costs the server only that address's budget of hashes
 * and never stands between another user and their sign-in. The server sits behind one trusted
 * proxy (KNOUDS_TRUST_PROXY=1), so each request's address is the X-Forwarded-For it carries.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "../support/accounts.js";
import { FIELD_LIMITS } from "../../src/limits/field-limits.js";
import { startServer, type TestServer } from "../support/server.js";

/** The sign-in budget of one address across all emails, per minute. */
const PER_ADDRESS = FIELD_LIMITS.signInFromAddress.max;

interface Outcome {
  code: string | undefined;
  extensions: Record<string, unknown> | undefined;
  signedIn: boolean;
}

async function signIn(server: TestServer, address: string, email: string, password: string): Promise<Outcome> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({
      query: "mutation($i: SignInInput!) { signIn(input: $i) { id } }",
      variables: { i: { email, password } },
    }),
  });
  const body = (await response.json()) as {
    data?: { signIn: { id: string } } | null;
    errors?: Array<{ extensions: Record<string, unknown> }>;
  };
  const extensions = body.errors?.[0]?.extensions;
  return { code: extensions?.code as string | undefined, extensions, signedIn: Boolean(body.data?.signIn) };
}

/** Password hashes (scrypt) the server has done so far, read from its Prometheus metrics. */
async function hashes(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith('knouds_password_hashing_total{outcome="hashed"}'));
  return line ? Number(line.split(" ")[1]) : 0;
}

function count(outcomes: Outcome[], code: string | undefined): number {
  return outcomes.filter((o) => o.code === code).length;
}

describe("sign-in spraying and password hashing", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_TRUST_PROXY: "1" } });
  });
  afterAll(() => server.stop());

  it(`does the work of only ${PER_ADDRESS} of 300 parallel sign-ins with distinct emails from one address, and another address still signs in`, async () => {
    const user = await signUp(server);
    const before = await hashes(server);
    const spray = Array.from({ length: 300 }, () => signIn(server, "198.51.100.7", `victim-${randomUUID()}@example.com`, "Winter2026!"));
    const real = await signIn(server, "203.0.113.20", user.email, "correct horse battery");
    const outcomes = await Promise.all(spray);

    expect(real).toMatchObject({ signedIn: true, code: undefined });
    // Past the address's budget: refused before any lookup or hash, with the documented RATE_LIMITED.
    expect(count(outcomes, "RATE_LIMITED")).toBe(300 - PER_ADDRESS);
    for (const o of outcomes.filter((x) => x.code === "RATE_LIMITED")) {
      expect(o.extensions).toEqual({ code: "RATE_LIMITED", limit: PER_ADDRESS, retryAfter: expect.any(Number) });
    }
    // Within it: checked (wrong password), or refused at once if too many of this address's were waiting.
    const checked = count(outcomes, "UNAUTHENTICATED");
    const busy = outcomes.filter((x) => x.code === "SERVICE_UNAVAILABLE");
    expect(checked + busy.length).toBe(PER_ADDRESS);
    for (const o of busy) expect(o.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", retryAfter: 1 });
    // The work done: one hash per checked attempt, and the real user's.
    expect((await hashes(server)) - before).toBe(checked + 1);
  });

  it("keeps each address's budget its own, and the per-email limit of 10 as well", async () => {
    const user = await signUp(server);
    const wrong = await Promise.all(Array.from({ length: 12 }, () => signIn(server, "198.51.100.8", user.email, "nope nope")));
    expect([count(wrong, "UNAUTHENTICATED"), count(wrong, "RATE_LIMITED")]).toEqual([10, 2]);
    // 198.51.100.7 spent its whole budget in the test above; this one has not.
    expect((await signIn(server, "198.51.100.7", user.email, "correct horse battery")).code).toBe("RATE_LIMITED");
    expect((await signIn(server, "198.51.100.9", user.email, "correct horse battery")).signedIn).toBe(true);
  });

  it("hashes sign-up passwords through the same bounded queue", async () => {
    const before = await hashes(server);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.10" },
          body: JSON.stringify({
            query: "mutation($i: SignUpInput!) { signUp(input: $i) { id } }",
            variables: { i: { email: `new-${randomUUID()}@example.com`, password: "correct horse battery" } },
          }),
        }).then((r) => r.json() as Promise<{ data?: { signUp: { id: string } } }>),
      ),
    );
    expect(answers.filter((a) => a.data?.signUp.id)).toHaveLength(5);
    expect((await hashes(server)) - before).toBe(5);
  });
});
