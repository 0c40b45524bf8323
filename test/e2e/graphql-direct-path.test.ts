/**
 * The common GraphQL request (a POST of one JSON operation asking for a JSON answer) skips yoga's
 * Fetch-API conversion and goes straight to its operation pipeline (src/http/graphql-route.ts).
 * It must answer exactly as yoga's whole path does: here every kind of answer is asked for twice,
 * once as the direct path takes it (`Content-Type: application/json`) and once as it does not
 * (`application/json; charset=UTF-8`, which both Fastify and yoga read as JSON), and the two
 * answers must match in status, content type, and body.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";

const DIRECT = "application/json";
const YOGA = "application/json; charset=UTF-8";

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

let server: TestServer;
let owner: SignedIn;
let key: string;

beforeAll(async () => {
  server = await startServer();
  owner = await signUp(server, { tier: "business" });
  key = (await createKey(owner, "admin")).value;
});
afterAll(() => server.stop());

async function ask(contentType: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": contentType, "x-api-key": key, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  // Run ids and times differ between two runs; everything else must not.
  const normalized = text.replace(/run_[0-9A-Za-z]+/g, "run_…").replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"<time>"');
  return { status: response.status, contentType: response.headers.get("content-type"), body: JSON.parse(normalized) };
}

async function bothWays(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const direct = await ask(DIRECT, body, headers);
  const yoga = await ask(YOGA, body, headers);
  expect(direct).toEqual(yoga);
  return direct;
}

const ACCEPTS: Record<string, Record<string, string>> = {
  "no Accept": {},
  "Accept: */*": { accept: "*/*" },
  "Accept: application/json": { accept: "application/json" },
  "Accept: application/graphql-response+json": { accept: "application/graphql-response+json" },
  "Apollo Client's Accept": { accept: "application/graphql-response+json,application/json;q=0.9" },
};

describe.each(Object.entries(ACCEPTS))("the direct path answers as yoga does, with %s", (_name, headers) => {
  it("a query with data", async () => {
    const answer = await bothWays({ query: "{ viewer { authenticatedBy effectiveScope } }" }, headers);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { viewer: { authenticatedBy: "API_KEY", effectiveScope: "admin" } } });
  });

  it("a mutation that runs a workflow, with variables and an operation name", async () => {
    const answer = await bothWays(
      {
        query:
          'query Other { viewer { effectiveScope } } mutation Run($inputs: JSON!) { runWorkflow(id: "knouds/hello-world", inputs: $inputs) { id status outputs } }',
        variables: { inputs: { name: "Ada" } },
        operationName: "Run",
      },
      headers,
    );
    expect(answer.body).toEqual({ data: { runWorkflow: { id: "run_…", status: "succeeded", outputs: { greeting: "Hello, Ada!" } } } });
  });

  it("a syntax error, a validation error, a variable that does not coerce, and a refusal from a resolver", async () => {
    const syntax = await bothWays({ query: "{ viewer { " }, headers);
    expect(JSON.stringify(syntax.body)).toContain("GRAPHQL_PARSE_FAILED");
    const validation = await bothWays({ query: "{ noSuchField }" }, headers);
    expect(JSON.stringify(validation.body)).toContain("Cannot query field");
    const coercion = await bothWays(
      { query: "query ($n: Int!) { workflows(first: $n) { edges { node { id } } } }", variables: { n: "many" } },
      headers,
    );
    expect(JSON.stringify(coercion.body)).toContain("BAD_USER_INPUT");
    const notFound = await bothWays({ query: 'mutation { runWorkflow(id: "nobody/nothing", inputs: {}) { id } }' }, headers);
    expect(notFound.body).toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
  });

  it("the document limits: depth, aliases and cost", async () => {
    const deep = await bothWays({ query: "{ a { b { c { d { e { f { g { h { i { j } } } } } } } } } }" }, headers);
    expect(JSON.stringify(deep.body)).toMatch(/depth/i);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: viewer { effectiveScope }`).join(" ");
    const tooManyAliases = await bothWays({ query: `{ ${aliases} }` }, headers);
    expect(JSON.stringify(tooManyAliases.body)).toMatch(/alias/i);
    const costly = await bothWays(
      {
        query:
          "{ apiKeys(first: 100) { edges { node { usage { hourly { start ok } daily { start ok } } } } } b: apiKeys(first: 100) { edges { node { usage { hourly { start ok } daily { start ok } } } } } }",
      },
      headers,
    );
    expect(JSON.stringify(costly.body)).toMatch(/cost/i);
  });
});

describe("requests the direct path leaves to yoga answer as before", () => {
  it("a body with a parameter yoga does not know, a batch, and null variables", async () => {
    for (const body of [
      { query: "{ viewer { effectiveScope } }", extra: 1 },
      [{ query: "{ viewer { effectiveScope } }" }],
      { query: "{ viewer { effectiveScope } }", variables: null },
    ]) {
      const answer = await ask(DIRECT, body, {});
      expect(answer.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });

  it("an Accept naming no JSON type is refused with 406 or streamed, as yoga decides", async () => {
    const answer = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": DIRECT, "x-api-key": key, accept: "text/html" },
      body: JSON.stringify({ query: "{ viewer { effectiveScope } }" }),
    });
    expect(answer.status).toBe(406);
  });
});
