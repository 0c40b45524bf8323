/**
 * 10,000+ generated requests — methods, paths, headers, keys, bodies, GraphQL documents — sent
 * to a running server: no 500, no crash, and every answer is one of the documented shapes
 * (the OpenAPI bodies on REST routes, a GraphQL response on /graphql).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyValue } from "../../src/domain/keys.js";
import { OPENAPI_DOCUMENT } from "../../src/http/openapi.js";
import { createKey, signUp } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";
import { createWorkflow } from "../support/workflows.js";

const REQUESTS = 10_500;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The web app's pages (src/http/settings/page.ts serves each as the app's HTML shell). */
const PAGES = new Set(["/", "/sign-in", "/sign-up", "/settings/api-keys", "/settings/security-log", "/runs", "/workflows"]);
const isPage = (path: string) => PAGES.has(path) || path.startsWith("/workflows/");
const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
const segment = fc.oneof(
  fc.constantFrom(
    "my-flow",
    "hello-world",
    "knouds/hello-world",
    "knouds",
    "a/b/c",
    "echo",
    "run",
    "schema",
    "..",
    "%00",
    "%2F",
    "a".repeat(300),
  ),
  fc.stringMatching(/^[A-Za-z0-9_.~%-]{1,40}$/),
);

function requests(keys: string[]): fc.Arbitrary<FuzzRequest> {
  const key = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...keys),
    fc.constant(generateKeyValue().value),
    printable(80),
    fc.constant(`knouds_live_${"A".repeat(5000)}`),
  );
  const path = fc.oneof(
    segment.map((id) => `/api/workflows/${id}/run`),
    fc.tuple(segment, segment).map(([a, b]) => `/api/models/${a}/${b}/run`),
    segment.map((id) => `/api/workflows/${id}/schema`),
    segment.map((id) => `/api/runs/${id}`),
    fc.constant("/graphql"),
    fc.constantFrom("/api/openapi.json", "/healthz", "/readyz", "/metrics", "/", "/api", "/graphql/x", "/sign-in", "/settings"),
    fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join("/")}`),
  );
  const contentType = fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/graphql-response+json",
    "garbage",
  );
  const graphqlDocument = fc.oneof(
    fc.constant("{ viewer { authenticatedBy effectiveScope account { id email tier } } }"),
    fc
      .jsonValue()
      .map((inputs) => `mutation { runWorkflow(id: "my-flow", inputs: ${JSON.stringify(JSON.stringify(inputs))}) { id status } }`),
    segment.map((id) => `{ workflow(id: ${JSON.stringify(id)}) { id inputSchema } }`),
    fc
      .tuple(fc.integer({ min: -5, max: 500 }), printable(60))
      .map(
        ([first, after]) =>
          `{ models(first: ${first}, after: ${JSON.stringify(after)}) { edges { cursor node { id } } } ` +
          `workflows(first: ${first}) { edges { node { id } } pageInfo { endCursor } } apiKeys { edges { node { id } } } ` +
          `runs(first: ${first}, after: ${JSON.stringify(after)}, status: failed) { pageInfo { hasNextPage } } }`,
      ),
    fc
      .tuple(printable(40), fc.constantFrom("free", "deployment", "admin", "root"))
      .map(([name, scope]) => `mutation { createApiKey(input: {name: ${JSON.stringify(name)}, scope: ${scope}}) { value } }`),
    fc.integer({ min: 1, max: 60 }).map((depth) => `{ ${"viewer { ".repeat(depth)}id${" }".repeat(depth)} }`),
    fc.integer({ min: 1, max: 200 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { effectiveScope }`).join(" ")} }`),
    fc.constant("fragment A on Query { ...B } fragment B on Query { ...A } { ...A }"),
    fc.constant("{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }"),
    printable(200),
  );
  const body = fc.oneof(
    fc.constant(undefined),
    fc.json(),
    fc.jsonValue().map((inputs) => JSON.stringify({ inputs })),
    fc.jsonValue().map((value) => JSON.stringify({ inputs: { prompt: value }, extra: value })),
    fc.tuple(graphqlDocument, fc.option(fc.jsonValue())).map(([query, variables]) => JSON.stringify({ query, variables })),
    printable(300),
    fc.constant(JSON.stringify({ inputs: { prompt: "x".repeat(1_100_000) } })),
  );
  return fc
    .record({
      method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
      path,
      key,
      contentType: fc.option(contentType),
      body,
      origin: fc.option(fc.constantFrom("https://evil.example", "null")),
      accept: fc.option(fc.constantFrom("text/html", "application/json", "application/graphql-response+json", "*/*")),
    })
    .map(({ method, path, key, contentType, body, origin, accept }) => {
      const headers: Record<string, string> = {};
      if (key !== undefined) headers["x-api-key"] = key;
      if (contentType !== null) headers["content-type"] = contentType;
      if (origin !== null) headers.origin = origin;
      if (accept !== null) headers.accept = accept;
      const sendsBody = body !== undefined && method !== "GET" && method !== "HEAD";
      return { method, path, headers, ...(sendsBody ? { body } : {}) };
    });
}

describe("fuzzing the running server", () => {
  let server: TestServer;
  let keys: string[];

  beforeAll(async () => {
    server = await startServer();
    const owner = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "my-flow");
    keys = [(await createKey(owner, "free")).value, (await createKey(owner, "deployment")).value, (await createKey(owner, "admin")).value];
  });
  afterAll(() => server.stop());

  it(`answers ${REQUESTS.toLocaleString("en")} generated requests with documented shapes and never a 500 (seed ${SEED})`, async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(OPENAPI_DOCUMENT, "openapi.json");
    const restShape = ajv.compile({
      anyOf: [
        "RunAnswer",
        "Run",
        "WorkflowSchema",
        "Unauthorized",
        "ScopeDenied",
        "NotFound",
        "InvalidInput",
        "PayloadTooLarge",
        "RateLimited",
      ].map((name) => ({ $ref: `openapi.json#/components/schemas/${name}` })),
    });
    const graphqlShape = ajv.compile({
      type: "object",
      properties: {
        data: {},
        errors: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            required: ["message"],
            properties: { message: { type: "string" }, extensions: { type: "object", properties: { code: { type: "string" } } } },
          },
        },
      },
      anyOf: [{ required: ["data"] }, { required: ["errors"] }],
    });
    const operations = { status: { type: "string" } };
    const healthShape = ajv.compile({ type: "object", required: ["status"], properties: operations });

    const samples = fc.sample(requests(keys), { numRuns: REQUESTS, seed: SEED });
    const problems: string[] = [];
    const statuses: Record<number, number> = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < samples.length) {
          const request = samples[next++]!;
          const response = await fetch(server.url + request.path, request);
          const text = await response.text();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const type = response.headers.get("content-type") ?? "";
          const where = `${request.method} ${request.path.slice(0, 80)} -> ${response.status} ${text.slice(0, 200)}`;
          if (response.status >= 500) problems.push(`server error: ${where}`);
          if (text.length === 0 || request.method === "HEAD") continue;
          if (type.startsWith("text/html") && request.path === "/graphql") continue; // the playground
          if (type.startsWith("text/plain") && request.path === "/metrics") continue;
          if (type.startsWith("text/html") && isPage(new URL(response.url).pathname)) continue; // the web app
          if (request.path === "/api/openapi.json" && response.status === 200) continue;
          if (!type.startsWith("application/json") && !type.startsWith("application/graphql-response+json")) {
            problems.push(`undocumented content type ${type}: ${where}`);
            continue;
          }
          const body: unknown = JSON.parse(text);
          const graphqlRoute = request.path === "/graphql";
          const healthRoute = (request.path === "/healthz" || request.path === "/readyz") && request.method === "GET";
          const ok = graphqlRoute ? graphqlShape(body) : healthRoute ? healthShape(body) : restShape(body);
          if (!ok) problems.push(`undocumented body: ${where}`);
        }
      }),
    );
    console.log(`[fuzz.test] seed ${SEED}: ${samples.length} requests, statuses ${JSON.stringify(statuses)}`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.logs.filter((line) => line.includes('"level":50') || line.includes('"level":60'))).toEqual([]);
  }, 600_000); // a count of requests, not a time budget: a loaded machine only takes longer
});
