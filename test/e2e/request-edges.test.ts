/**
 * Bounds at the edge of every request: the leak-report route's body cap and budget (counted
 * whether or not the body is valid), the caller's x-request-id (echoed and logged only when
 * short and plain), and the optional bearer token in front of /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { LEAK_REPORTS_PER_MINUTE } from "../../src/limits/leak-reports.js";
import { startServer, type TestServer } from "../support/server.js";

function reportLeak(url: string, body: string) {
  return fetch(`${url}/api/keys/report-leak`, { method: "POST", headers: { "content-type": "application/json" }, body });
}

describe("leak reports", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it("refuses a body over 4 KiB with 413 PAYLOAD_TOO_LARGE, before parsing it", async () => {
    const big = await reportLeak(server.url, JSON.stringify({ key: "x".repeat(5000) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "Payload Too Large" });
  });

  it(`counts reports that fail validation: after ${LEAK_REPORTS_PER_MINUTE} (one the 413 above), the address gets 429`, async () => {
    const invalid = ["{}", '{"key":5}', '{"key":"x","more":1}', "not json", JSON.stringify({ key: "y".repeat(300) })];
    for (let i = 1; i < LEAK_REPORTS_PER_MINUTE; i++) expect((await reportLeak(server.url, invalid[i % invalid.length]!)).status).toBe(400);
    for (const body of ['{"key":"knouds_live_notakey"}', "{}", JSON.stringify({ key: "z".repeat(900_000) })]) {
      const refused = await reportLeak(server.url, body);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toEqual({
        error: "Too Many Requests",
        code: "RATE_LIMITED",
        limit: LEAK_REPORTS_PER_MINUTE,
        retryAfter: expect.any(Number),
      });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });
});

describe("x-request-id", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  const idOf = async (value: string | undefined) => {
    const response = await fetch(`${server.url}/healthz`, { headers: value === undefined ? {} : { "x-request-id": value } });
    await response.text();
    return response.headers.get("x-request-id");
  };

  it("echoes and logs a caller's id of at most 128 of [A-Za-z0-9._:-]", async () => {
    const id = `trace-1.2:${"a".repeat(118)}`;
    expect(id).toHaveLength(128);
    expect(await idOf(id)).toBe(id);
    expect(server.logs.some((line) => line.includes(`"reqId":"${id}"`))).toBe(true);
  });

  it("replaces a longer id, or one with other characters, with its own (never echoed, never logged)", async () => {
    for (const bad of ["a".repeat(129), "x".repeat(15_000), "has space", "semi;colon", 'quote"', "ünïcode", "a/b", "<script>"]) {
      const answered = await idOf(bad);
      expect(answered).toMatch(/^req-[0-9a-z]+$/);
      expect(server.logs.some((line) => line.includes(bad.slice(0, 129)) && bad.length > 128)).toBe(false);
    }
    expect(await idOf(undefined)).toMatch(/^req-[0-9a-z]+$/);
  });
});

describe("/metrics with KNOUDS_METRICS_TOKEN", () => {
  const token = "metrics-token-0123456789abcdef";
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_METRICS_TOKEN: token } });
  });
  afterAll(() => server.stop());

  it("answers 401 in the documented shape, with WWW-Authenticate, without the exact bearer token", async () => {
    for (const authorization of [
      undefined,
      "",
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      token,
      `Basic ${token}`,
      `bearer  ${token}`,
    ]) {
      const response = await fetch(`${server.url}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('{"error":"Unauthorized"}');
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    }
  });

  it("serves Prometheus text with it", async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("knouds_http_requests_total");
  });

  it("refuses at start a token that could not be sent in a header, or is short", () => {
    for (const bad of ["short", "has a space in it 0123456789", "tab\there-0123456789abcdef", "ünïcode-0123456789abcdef"]) {
      expect(() => loadConfig({ KNOUDS_METRICS_TOKEN: bad })).toThrow(ConfigError);
    }
    expect(loadConfig({ KNOUDS_METRICS_TOKEN: token }).metricsToken).toBe(token);
  });
});
