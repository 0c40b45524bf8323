/**
 * The SDL's ErrorCode enum is the whole vocabulary: every kind of refusal and failure the
 * server can give over GraphQL — each KnoudsError code through the one error module, and every
 * protocol-level problem graphql-yoga, graphql-js and graphql-armor report before our code
 * runs — carries an `extensions.code`, and that code is a value of the enum.
 */
import { readFileSync } from "node:fs";
import { buildSchema, isEnumType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, KnoudsError, toGraphQLError } from "../../src/domain/errors.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";
import { PROMPT_TO_IMAGE, createWorkflow } from "../support/workflows.js";

const SDL = buildSchema(readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8"));
const ENUM = SDL.getType("ErrorCode");
const IN_SDL = new Set(isEnumType(ENUM) ? ENUM.getValues().map((v) => v.name) : []);

interface Probe {
  name: string;
  body?: string;
  headers?: Record<string, string>;
  method?: string;
  path?: string;
}

describe("the ErrorCode enum names every code the server emits", () => {
  let server: TestServer;
  let owner: SignedIn;

  beforeAll(async () => {
    server = await startServer({ env: { KNOUDS_BODY_LIMIT_BYTES: "4096" } });
    owner = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "codes");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is in the SDL", () => {
    expect(IN_SDL.size).toBeGreaterThan(10);
  });

  it("holds the GraphQL code of every KnoudsError code", () => {
    for (const code of ERROR_CODES) {
      expect(IN_SDL, code).toContain(toGraphQLError(new KnoudsError(code, "x")).extensions.code);
    }
    expect(IN_SDL).toContain(toGraphQLError(new Error("a bug")).extensions.code);
  });

  it("holds every code of every kind of bad request, and no error goes without one", async () => {
    const free = (await createKey(owner, "free")).value;
    const admin = (await createKey(owner, "admin")).value;
    const deleted = await createKey(owner, "free");
    await owner.client.request("POST", "/graphql", { query: `mutation { deleteApiKey(id: "${deleted.id}") { id } }` });
    const body = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });
    const run = `mutation { runWorkflow(id: "codes", inputs: { prompt: "x" }) { id } }`;
    const probes: Probe[] = [
      { name: "syntax", body: body("{") },
      { name: "unknown field", body: body("{ nope }") },
      { name: "variable missing", body: body("query($id: ID!) { workflow(id: $id) { id } }") },
      { name: "variable of the wrong type", body: body("query($id: ID!) { workflow(id: $id) { id } }", { variables: { id: { a: 1 } } }) },
      { name: "no query", body: "{}" },
      { name: "query not a string", body: JSON.stringify({ query: 1 }) },
      { name: "variables an array", body: JSON.stringify({ query: "{ __typename }", variables: [1] }) },
      { name: "unknown operationName", body: body("query A { __typename }", { operationName: "B" }) },
      { name: "two operations, no name", body: body("query A { __typename } query B { __typename }") },
      { name: "a subscription", body: body("subscription { x }") },
      { name: "too many aliases", body: body(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(" ")} }`) },
      { name: "too many tokens", body: body(`{ ${"__typename ".repeat(1200)}}`) },
      { name: "invalid JSON", body: '{"query":' },
      { name: "text/plain", body: "x", headers: { "content-type": "text/plain" } },
      { name: "too large", body: body("{ __typename }", { pad: "a".repeat(5000) }) },
      { name: "nested too deep JSON", body: body("{ __typename }", { variables: { a: JSON.parse("[".repeat(200) + "]".repeat(200)) } }) },
      { name: "a mutation over GET", method: "GET", path: `/graphql?query=${encodeURIComponent("mutation { signOut }")}` },
      { name: "PUT", method: "PUT", body: "{}" },
      { name: "no key", body: body(run) },
      { name: "malformed key", body: body(run), headers: { "x-api-key": "nope" } },
      { name: "deleted key", body: body(run), headers: { "x-api-key": deleted.value } },
      {
        name: "scope denied",
        body: body(`mutation { runModel(id: "knouds/echo", inputs: { text: "x" }) { id } }`),
        headers: { "x-api-key": free },
      },
      { name: "not found", body: body(`mutation { runWorkflow(id: "missing", inputs: {}) { id } }`), headers: { "x-api-key": admin } },
      {
        name: "inputs failing the schema",
        body: body(`mutation { runWorkflow(id: "codes", inputs: {}) { id } }`),
        headers: { "x-api-key": admin },
      },
      {
        name: "conflict",
        body: body("mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }", {
          variables: { input: { id: "codes", name: "again", ...PROMPT_TO_IMAGE } },
        }),
        headers: { "x-api-key": admin },
      },
      { name: "session needed", body: body(`{ apiKeys { id } }`), headers: { "x-api-key": admin } },
      {
        name: "platform admin needed",
        body: body(`mutation { setApiKeyScope(id: "x", scope: free) { id } }`),
        headers: { cookie: owner.client.sessionCookie! },
      },
      {
        name: "scope above the ceiling",
        body: body(`mutation { createApiKey(input: { name: "x", scope: admin }) { value } }`),
        headers: { cookie: (await signUp(server)).client.sessionCookie! },
      },
      ...Array.from({ length: 11 }, (): Probe => ({ name: "rate limited", body: body(run), headers: { "x-api-key": free } })),
    ];
    const seen = new Map<string, string>();
    for (const probe of probes) {
      const response = await fetch(`${server.url}${probe.path ?? "/graphql"}`, {
        method: probe.method ?? "POST",
        headers: { "content-type": "application/json", ...probe.headers },
        body: probe.body,
      });
      const body = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      for (const error of body.errors ?? []) {
        const code = error.extensions?.code;
        expect(code, `${probe.name}: "${error.message}" has no code`).toBeDefined();
        expect(IN_SDL, `${probe.name}: ${code} is not in the ErrorCode enum`).toContain(code);
        seen.set(code!, probe.name);
      }
    }
    // The catalogue reaches the codes clients meet most.
    for (const code of [
      "UNAUTHENTICATED",
      "SCOPE_DENIED",
      "RATE_LIMITED",
      "BAD_USER_INPUT",
      "NOT_FOUND",
      "FORBIDDEN",
      "CONFLICT",
      "SCOPE_ABOVE_CEILING",
      "PAYLOAD_TOO_LARGE",
      "GRAPHQL_PARSE_FAILED",
      "GRAPHQL_VALIDATION_FAILED",
      "BAD_REQUEST",
      "OPERATION_RESOLUTION_FAILURE",
    ]) {
      expect([...seen.keys()]).toContain(code);
    }
  });
});
