/**
 * Every operation, REST and GraphQL, with no key and with a free, deployment and admin key,
 * against the outcomes docs/workflows.md#who-may-run-what gives. The expectations are written out here, not derived from
 * the code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../../src/domain/scopes.js";
import type { Account } from "../../src/domain/account.js";
import { signUp, type SignedIn } from "../support/accounts.js";
import { Client, type GraphQLResponse } from "../support/client.js";
import { startServer, type TestServer } from "../support/server.js";
import {
  CreateWorkflow,
  DeleteWorkflow,
  DeployWorkflow,
  Models,
  RunById,
  RunModel,
  RunWorkflow,
  UpdateWorkflow,
  WorkflowSchema,
  Workflows,
} from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE, createWorkflow } from "../support/workflows.js";

type Who = "none" | Scope;
type Outcome = "ok" | "unauthenticated" | "not-found" | { denied: Scope };
const WHO: Who[] = ["none", "free", "deployment", "admin"];

const UNAUTH: Outcome = "unauthenticated";
const NOT_FOUND: Outcome = "not-found";
const ADMIN: Outcome = { denied: "admin" };
const DEPLOYMENT: Outcome = { denied: "deployment" };

interface Operation {
  name: string;
  expect: Record<Who, Outcome>;
  rest?: (client: Client, who: Who) => Promise<{ status: number; body: unknown }>;
  graphql?: (client: Client, who: Who) => Promise<GraphQLResponse<unknown>>;
}

const prompt = { prompt: "a mountain at dusk" };

function restOutcome(answer: { status: number; body: unknown }, who: Who): Outcome {
  if (answer.status === 200) return "ok";
  if (answer.status === 401) {
    expect(answer.body).toEqual({ error: "Unauthorized" });
    return UNAUTH;
  }
  if (answer.status === 404) {
    expect(answer.body).toEqual({ error: "Not Found" });
    return NOT_FOUND;
  }
  if (answer.status === 403) {
    const body = answer.body as { required: Scope; actual: Scope };
    expect(body).toEqual({ error: "Insufficient scope", code: "SCOPE_DENIED", required: body.required, actual: who });
    return { denied: body.required };
  }
  throw new Error(`unexpected ${answer.status}: ${JSON.stringify(answer.body)}`);
}

function graphqlOutcome(answer: GraphQLResponse<unknown>, who: Who): Outcome {
  if (!answer.errors) return "ok";
  const extensions = answer.errors[0]!.extensions;
  switch (extensions.code) {
    case "UNAUTHENTICATED":
      return UNAUTH;
    case "NOT_FOUND":
      return NOT_FOUND;
    case "SCOPE_DENIED":
      expect(extensions.actual).toBe(who);
      return { denied: extensions.required as Scope };
    default:
      throw new Error(`unexpected GraphQL error: ${answer.text}`);
  }
}

/** The other account's handle: its workflows are `${OTHER}/slug`. */
const OTHER = "matrix-other";

describe("the scope matrix (docs/workflows.md#who-may-run-what)", () => {
  let server: TestServer;
  let owner: SignedIn;
  let ownerAccount: Account;
  let ownRunId: string;

  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server, { tier: "business" });
    const other = await signUp(server, { tier: "business", handle: OTHER });
    await createWorkflow(owner, "own-deployed");
    await createWorkflow(owner, "own-draft", { draft: true });
    await createWorkflow(owner, "deploy-me", { draft: true });
    await createWorkflow(owner, "delete-me");
    await createWorkflow(other, "other-public", { visibility: "public" });
    await createWorkflow(other, "other-private");
    ownerAccount = (await server.server.services.accounts.findById(owner.accountId))!;
    const run = await new Client(server.url, await keyFor("admin")).request("POST", "/api/workflows/own-deployed/run", {
      inputs: prompt,
    });
    ownRunId = (run.body as { runId: string }).runId;
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A fresh key of the owner's for every call, so per-key rate limits never interfere. */
  async function keyFor(who: Scope): Promise<string> {
    const created = await server.server.services.apiKeys.create(ownerAccount, ownerAccount, `matrix ${who}`, who);
    return created.value;
  }

  const operations: Operation[] = [
    {
      name: "run own deployed workflow",
      expect: { none: UNAUTH, free: "ok", deployment: "ok", admin: "ok" },
      rest: (c) => c.request("POST", "/api/workflows/own-deployed/run", { inputs: prompt }),
      graphql: (c) => c.graphql(RunWorkflow, { id: "own-deployed", inputs: prompt }),
    },
    {
      name: "run own draft workflow",
      expect: { none: UNAUTH, free: ADMIN, deployment: ADMIN, admin: "ok" },
      rest: (c) => c.request("POST", "/api/workflows/own-draft/run", { inputs: prompt }),
      graphql: (c) => c.graphql(RunWorkflow, { id: "own-draft", inputs: prompt }),
    },
    {
      name: "run another account's public deployed workflow",
      expect: { none: UNAUTH, free: DEPLOYMENT, deployment: "ok", admin: "ok" },
      rest: (c) => c.request("POST", `/api/workflows/${OTHER}/other-public/run`, { inputs: prompt }),
      graphql: (c) => c.graphql(RunWorkflow, { id: `${OTHER}/other-public`, inputs: prompt }),
    },
    {
      name: "run another account's private workflow",
      expect: { none: UNAUTH, free: NOT_FOUND, deployment: NOT_FOUND, admin: NOT_FOUND },
      rest: (c) => c.request("POST", `/api/workflows/${OTHER}/other-private/run`, { inputs: prompt }),
      graphql: (c) => c.graphql(RunWorkflow, { id: `${OTHER}/other-private`, inputs: prompt }),
    },
    {
      name: "run another account's slug as if it were one's own (bare slugs are the caller's)",
      expect: { none: UNAUTH, free: NOT_FOUND, deployment: NOT_FOUND, admin: NOT_FOUND },
      rest: (c) => c.request("POST", "/api/workflows/other-public/run", { inputs: prompt }),
      graphql: (c) => c.graphql(RunWorkflow, { id: "other-public", inputs: prompt }),
    },
    {
      name: "read own workflow's schema",
      expect: { none: UNAUTH, free: DEPLOYMENT, deployment: "ok", admin: "ok" },
      rest: (c) => c.request("GET", "/api/workflows/own-deployed/schema"),
      graphql: (c) => c.graphql(WorkflowSchema, { id: "own-deployed" }),
    },
    {
      name: "read another account's public workflow's schema",
      expect: { none: UNAUTH, free: DEPLOYMENT, deployment: "ok", admin: "ok" },
      rest: (c) => c.request("GET", `/api/workflows/${OTHER}/other-public/schema`),
    },
    {
      name: "read another account's private workflow's schema",
      expect: { none: UNAUTH, free: NOT_FOUND, deployment: NOT_FOUND, admin: NOT_FOUND },
      rest: (c) => c.request("GET", `/api/workflows/${OTHER}/other-private/schema`),
      graphql: (c) => c.graphql(WorkflowSchema, { id: `${OTHER}/other-private` }),
    },
    {
      name: "run a registry model (single-model endpoint)",
      expect: { none: UNAUTH, free: ADMIN, deployment: ADMIN, admin: "ok" },
      rest: (c) => c.request("POST", "/api/models/knouds/echo/run", { inputs: { text: "hi" } }),
      graphql: (c) => c.graphql(RunModel, { id: "knouds/echo", inputs: { text: "hi" } }),
    },
    {
      name: "read own run",
      expect: { none: UNAUTH, free: "ok", deployment: "ok", admin: "ok" },
      rest: (c) => c.request("GET", `/api/runs/${ownRunId}`),
      graphql: (c) => c.graphql(RunById, { id: ownRunId }),
    },
    {
      name: "list models",
      expect: { none: UNAUTH, free: "ok", deployment: "ok", admin: "ok" },
      graphql: (c) => c.graphql(Models),
    },
    {
      name: "list workflows",
      expect: { none: UNAUTH, free: "ok", deployment: "ok", admin: "ok" },
      graphql: (c) => c.graphql(Workflows),
    },
    {
      name: "create a workflow",
      expect: { none: UNAUTH, free: ADMIN, deployment: ADMIN, admin: "ok" },
      graphql: (c, who) => c.graphql(CreateWorkflow, { input: { id: `created-by-${who}`, name: "new", ...PROMPT_TO_IMAGE } }),
    },
    {
      name: "update own workflow",
      expect: { none: UNAUTH, free: ADMIN, deployment: ADMIN, admin: "ok" },
      graphql: (c) => c.graphql(UpdateWorkflow, { id: "own-draft", input: { name: "renamed" } }),
    },
    {
      name: "update another account's workflow",
      expect: { none: UNAUTH, free: ADMIN, deployment: ADMIN, admin: NOT_FOUND },
      graphql: (c) => c.graphql(UpdateWorkflow, { id: `${OTHER}/other-public`, input: { name: "mine now" } }),
    },
    {
      name: "deploy own workflow",
      expect: { none: UNAUTH, free: ADMIN, deployment: ADMIN, admin: "ok" },
      graphql: (c) => c.graphql(DeployWorkflow, { id: "deploy-me" }),
    },
    {
      name: "delete own workflow",
      expect: { none: UNAUTH, free: ADMIN, deployment: ADMIN, admin: "ok" },
      graphql: (c) => c.graphql(DeleteWorkflow, { id: "delete-me" }),
    },
  ];

  for (const operation of operations) {
    for (const transport of ["rest", "graphql"] as const) {
      const send = operation[transport];
      if (!send) continue;
      it(`${transport}: ${operation.name}`, async () => {
        const seen: Record<string, Outcome> = {};
        for (const who of WHO) {
          const client = new Client(server.url, who === "none" ? undefined : await keyFor(who));
          seen[who] =
            transport === "rest"
              ? restOutcome(await (send as NonNullable<Operation["rest"]>)(client, who), who)
              : graphqlOutcome(await (send as NonNullable<Operation["graphql"]>)(client, who), who);
        }
        expect(seen).toEqual(operation.expect);
      });
    }
  }
});
