/**
 * Apollo Client 4, urql and graphql-request against the real server, through docs/clients.md's own
 * setup code (docs/examples): a query, runWorkflow with variables, and every refusal's
 * `extensions.code` read from the library's own error object — the server's 401 and 429
 * (answered before GraphQL runs) as much as yoga's field errors (docs/clients.md#graphql-clients).
 */
import { gql as apolloGql } from "@apollo/client";
import { gql as urqlGql } from "@urql/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apollo from "../../docs/examples/apollo-client.js";
import * as requestLib from "../../docs/examples/graphql-request.js";
import * as urql from "../../docs/examples/urql.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { DeleteApiKey } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { createWorkflow } from "../support/workflows.js";

const VIEWER = `query Viewer { viewer { authenticatedBy effectiveScope } }`;
const FREE_REQUESTS_PER_MINUTE = 10;

/** What the test needs from each library: its setup from docs/examples, one query, one mutation, the code. */
interface Library {
  name: string;
  viewer(endpoint: string, key: string): Promise<{ authenticatedBy: string; effectiveScope: string }>;
  run(endpoint: string, key: string, id: string, inputs: Record<string, unknown>): Promise<{ status: string }>;
  /** The code of a refused runWorkflow, read the way docs/clients.md shows; throws if it was not refused. */
  refusal(endpoint: string, key: string, id: string, inputs: Record<string, unknown>): Promise<string | undefined>;
}

const LIBRARIES: Library[] = [
  {
    name: "Apollo Client 4",
    async viewer(endpoint, key) {
      const { data } = await apollo.createKnoudsClient(endpoint, key).query<{ viewer: never }>({ query: apolloGql(VIEWER) });
      return data!.viewer;
    },
    run: (endpoint, key, id, inputs) => apollo.runWorkflow(apollo.createKnoudsClient(endpoint, key), id, inputs),
    async refusal(endpoint, key, id, inputs) {
      const error = await apollo.runWorkflow(apollo.createKnoudsClient(endpoint, key), id, inputs).then(
        () => new Error("not refused"),
        (thrown: unknown) => thrown,
      );
      return apollo.knoudsErrorCode(error) ?? String(error);
    },
  },
  {
    name: "urql",
    async viewer(endpoint, key) {
      const result = await urql.createKnoudsClient(endpoint, key).query(urqlGql(VIEWER), {}).toPromise();
      if (result.error) throw result.error;
      return result.data.viewer;
    },
    run: (endpoint, key, id, inputs) => urql.runWorkflow(urql.createKnoudsClient(endpoint, key), id, inputs),
    async refusal(endpoint, key, id, inputs) {
      const error = await urql.runWorkflow(urql.createKnoudsClient(endpoint, key), id, inputs).then(
        () => new Error("not refused"),
        (thrown: unknown) => thrown,
      );
      return error instanceof Error && "graphQLErrors" in error ? urql.knoudsErrorCode(error as never) : String(error);
    },
  },
  {
    name: "graphql-request",
    async viewer(endpoint, key) {
      const data = await requestLib.createKnoudsClient(endpoint, key).request<{ viewer: never }>(VIEWER);
      return data.viewer;
    },
    run: (endpoint, key, id, inputs) => requestLib.runWorkflow(requestLib.createKnoudsClient(endpoint, key), id, inputs),
    async refusal(endpoint, key, id, inputs) {
      const error = await requestLib.runWorkflow(requestLib.createKnoudsClient(endpoint, key), id, inputs).then(
        () => new Error("not refused"),
        (thrown: unknown) => thrown,
      );
      return requestLib.knoudsErrorCode(error) ?? String(error);
    },
  },
];

describe("GraphQL client libraries read every refusal", () => {
  let server: TestServer;
  let owner: SignedIn;
  let endpoint: string;
  const prompt = { prompt: "a lighthouse in fog" };

  beforeAll(async () => {
    server = await startServer();
    endpoint = `${server.url}/graphql`;
    owner = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "lighthouse");
    await createWorkflow(owner, "sketch", { draft: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const library of LIBRARIES) {
    describe(library.name, () => {
      it("runs a query with the x-api-key header", async () => {
        const { value } = await createKey(owner, "deployment");
        expect(await library.viewer(endpoint, value)).toMatchObject({ authenticatedBy: "API_KEY", effectiveScope: "deployment" });
      });

      it("runs runWorkflow with variables", async () => {
        const { value } = await createKey(owner, "free");
        expect(await library.run(endpoint, value, "lighthouse", prompt)).toMatchObject({ status: "succeeded" });
      });

      it("reads UNAUTHENTICATED from the server's 401 for a deleted key", async () => {
        const { id, value } = await createKey(owner, "free");
        await owner.client.graphql(DeleteApiKey, { id });
        expect(await library.refusal(endpoint, value, "lighthouse", prompt)).toBe("UNAUTHENTICATED");
      });

      it("reads SCOPE_DENIED for a free key running a draft", async () => {
        const { value } = await createKey(owner, "free");
        expect(await library.refusal(endpoint, value, "sketch", prompt)).toBe("SCOPE_DENIED");
      });

      it("reads RATE_LIMITED from the server's 429 past the budget", async () => {
        const { value } = await createKey(owner, "free");
        for (let i = 0; i < FREE_REQUESTS_PER_MINUTE; i++) await library.run(endpoint, value, "lighthouse", prompt);
        expect(await library.refusal(endpoint, value, "lighthouse", prompt)).toBe("RATE_LIMITED");
      });

      it("reads BAD_USER_INPUT for inputs failing the workflow's schema", async () => {
        const { value } = await createKey(owner, "free");
        expect(await library.refusal(endpoint, value, "lighthouse", { prompt: "" })).toBe("BAD_USER_INPUT");
      });
    });
  }

  describe("media types on /graphql (GraphQL over HTTP)", () => {
    const query = JSON.stringify({ query: VIEWER });
    async function refusedWith(accept: string | undefined, key = "knouds_live_0000000000000000000000000000000000") {
      const headers: Record<string, string> = { "content-type": "application/json", "x-api-key": key };
      if (accept !== undefined) headers.accept = accept;
      const response = await fetch(endpoint, { method: "POST", headers, body: query });
      return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
    }

    it("answers the server's own 401 in application/graphql-response+json when the client accepts it", async () => {
      const { id, value } = await createKey(owner, "free");
      await owner.client.graphql(DeleteApiKey, { id });
      for (const accept of ["application/graphql-response+json", "application/graphql-response+json, application/json;q=0.9"]) {
        const deleted = await refusedWith(accept, value);
        expect(deleted.status).toBe(401);
        expect(deleted.type).toBe("application/graphql-response+json; charset=utf-8");
        expect(deleted.body).toEqual({ errors: [{ message: "Unauthorized", extensions: { code: "UNAUTHENTICATED" } }] });
      }
    });

    it("keeps application/json for clients that ask for it, send */* or no Accept", async () => {
      for (const accept of [undefined, "*/*", "application/json", "application/json, application/graphql-response+json"]) {
        const answer = await refusedWith(accept);
        expect(answer.status).toBe(401);
        expect(answer.type).toBe("application/json; charset=utf-8");
        expect(answer.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      }
    });

    it("leaves REST refusals in their documented application/json shape whatever the Accept", async () => {
      const response = await fetch(`${server.url}/api/workflows/lighthouse/run`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json", "x-api-key": "nope" },
        body: JSON.stringify({ inputs: prompt }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await response.json()).toEqual({ error: "Unauthorized" });
    });
  });
});
