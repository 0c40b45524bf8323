import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";

describe("CORS for frontends on other origins", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_CORS_ORIGINS: "https://app.example.com, https://admin.example.com" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  function preflight(origin: string) {
    return fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-api-key, content-type",
      },
    });
  }

  it("allows x-api-key and content-type, with credentials, for an allowed origin", async () => {
    const response = await preflight("https://app.example.com");
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    const allowed = response.headers.get("access-control-allow-headers")?.toLowerCase() ?? "";
    expect(allowed).toContain("x-api-key");
    expect(allowed).toContain("content-type");
  });

  it("gives no CORS grant to an origin that is not on the list", async () => {
    const response = await preflight("https://evil.example.net");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("marks actual responses for allowed origins only", async () => {
    const ask = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { origin, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ viewer { authenticatedBy } }" }),
      });
    expect((await ask("https://admin.example.com")).headers.get("access-control-allow-origin")).toBe("https://admin.example.com");
    expect((await ask("https://evil.example.net")).headers.get("access-control-allow-origin")).toBeNull();
  });
});
