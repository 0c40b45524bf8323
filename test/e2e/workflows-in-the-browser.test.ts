/**
 * Workflows in the browser (docs/workflows.md#who-may-run-what), over HTTP against the real
 * server: the account's own signed-in session (a cookie, no key) manages and runs its own
 * workflows on every plan, while API keys keep their scope rules; another account sees
 * NOT_FOUND; the per-plan cap holds exactly across two server processes on one SQLite file;
 * every run records who ran it and browser runs are charged to the session budget; invalid
 * definitions are refused at the place they point to and change nothing stored.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionRequestsPerMinute, workflowsPerAccount } from "../../src/domain/scopes.js";
import { graphql } from "../gql/index.js";
import { createKey, signUp } from "../support/accounts.js";
import { SignUp } from "../support/operations.js";
import { Client } from "../support/client.js";
import { startProcess, type RunningProcess } from "../support/process.js";
import { startServer, tempDataDir, type TestServer } from "../support/server.js";
import { PROMPT_TO_IMAGE } from "../support/workflows.js";

const CreateFlow = graphql(`
  mutation BrowserCreateWorkflow($input: CreateWorkflowInput!) {
    createWorkflow(input: $input) {
      id
      slug
      status
      visibility
      lastRunAt
    }
  }
`);

const UpdateFlow = graphql(`
  mutation BrowserUpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {
    updateWorkflow(id: $id, input: $input) {
      id
      name
      updatedAt
    }
  }
`);

const DeployFlow = graphql(`
  mutation BrowserDeployWorkflow($id: ID!) {
    deployWorkflow(id: $id) {
      status
    }
  }
`);

const UndeployFlow = graphql(`
  mutation BrowserUndeployWorkflow($id: ID!) {
    undeployWorkflow(id: $id) {
      status
    }
  }
`);

const DeleteFlow = graphql(`
  mutation BrowserDeleteWorkflow($id: ID!) {
    deleteWorkflow(id: $id) {
      id
    }
  }
`);

const ReadFlow = graphql(`
  query BrowserWorkflow($id: ID!) {
    workflow(id: $id) {
      id
      name
      description
      status
      visibility
      inputSchema
      steps
      outputs
      updatedAt
      lastRunAt
    }
  }
`);

const MyFlows = graphql(`
  query BrowserWorkflows($first: Int, $own: Boolean) {
    workflows(first: $first, own: $own) {
      edges {
        node {
          id
          slug
          status
          lastRunAt
        }
      }
    }
  }
`);

const RunFlow = graphql(`
  mutation BrowserRunWorkflow($id: ID!, $inputs: JSON!) {
    runWorkflow(id: $id, inputs: $inputs) {
      id
      status
      outputs
      error
      workflowId
      keyId
      ranBy {
        kind
        keyId
        keyName
      }
    }
  }
`);

const ReadRun = graphql(`
  query BrowserRun($id: ID!) {
    run(id: $id) {
      id
      workflowId
      ranBy {
        kind
        keyId
        keyName
      }
    }
  }
`);

const MyRuns = graphql(`
  query BrowserRuns($workflowId: ID) {
    runs(first: 50, workflowId: $workflowId) {
      edges {
        node {
          id
          status
          ranBy {
            kind
            keyName
          }
        }
      }
    }
  }
`);

const FREE_CAP = workflowsPerAccount("free");
const CAP_MESSAGE = `an account on the Free plan holds at most ${FREE_CAP} workflows; delete one before creating another`;
const PROMPT = { prompt: "a mountain at dusk" };

function input(slug: string, overrides: Record<string, unknown> = {}) {
  return { id: slug, name: slug, ...PROMPT_TO_IMAGE, ...overrides };
}

function codeOf(response: { errors?: Array<{ extensions: Record<string, unknown> }> }): unknown {
  return response.errors?.[0]?.extensions.code;
}

describe("workflows in the browser: one server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it("a Free session creates, reads, updates, deploys, runs, undeploys and deletes its own workflow", async () => {
    const alice = await signUp(server);
    const session = alice.client;
    const created = await session.graphql(CreateFlow, { input: input("my-flow") });
    expect(created.errors, created.text).toBeUndefined();
    expect(created.data!.createWorkflow).toEqual({
      id: `${alice.handle}/my-flow`,
      slug: "my-flow",
      status: "draft",
      visibility: "private",
      lastRunAt: null,
    });

    // The owner's session sees the whole definition, drafts included.
    const read = await session.graphql(ReadFlow, { id: "my-flow" });
    expect(read.errors, read.text).toBeUndefined();
    expect(read.data!.workflow).toMatchObject({
      inputSchema: PROMPT_TO_IMAGE.inputSchema,
      steps: PROMPT_TO_IMAGE.steps,
      outputs: PROMPT_TO_IMAGE.outputs,
    });

    const updated = await session.graphql(UpdateFlow, { id: "my-flow", input: { name: "My flow", description: "prompt to picture" } });
    expect(updated.data?.updateWorkflow.name, updated.text).toBe("My flow");

    // A draft runs from the browser too (a key needs admin for that).
    const draftRun = await session.graphql(RunFlow, { id: "my-flow", inputs: PROMPT });
    expect(draftRun.data?.runWorkflow.status, draftRun.text).toBe("succeeded");

    expect((await session.graphql(DeployFlow, { id: "my-flow" })).data?.deployWorkflow.status).toBe("deployed");
    const ran = await session.graphql(RunFlow, { id: "my-flow", inputs: PROMPT });
    expect(ran.errors, ran.text).toBeUndefined();
    expect(ran.data!.runWorkflow).toMatchObject({
      status: "succeeded",
      workflowId: `${alice.handle}/my-flow`,
      keyId: null,
      ranBy: { kind: "BROWSER", keyId: null, keyName: null },
    });
    expect(String((ran.data!.runWorkflow.outputs as { image: string }).image)).toContain("<svg");

    // Its runs are listed for the session, and the workflow shows when it last ran.
    const runs = await session.graphql(MyRuns, { workflowId: "my-flow" });
    expect(runs.data!.runs.edges.map((e) => e.node.id)).toEqual([ran.data!.runWorkflow.id, draftRun.data!.runWorkflow.id]);
    const listed = await session.graphql(MyFlows, { first: 20 });
    const mine = listed.data!.workflows.edges.map((e) => e.node).find((w) => w.slug === "my-flow");
    expect(mine?.status).toBe("deployed");
    expect(mine?.lastRunAt).not.toBeNull();

    expect((await session.graphql(UndeployFlow, { id: "my-flow" })).data?.undeployWorkflow.status).toBe("draft");
    const deleted = await session.graphql(DeleteFlow, { id: "my-flow" });
    expect(deleted.data?.deleteWorkflow.id, deleted.text).toBe(`${alice.handle}/my-flow`);
    expect(codeOf(await session.graphql(ReadFlow, { id: "my-flow" }))).toBe("NOT_FOUND");
    // The runs of a deleted workflow stay in the history (docs/workflows.md).
    const afterwards = await session.graphql(ReadRun, { id: ran.data!.runWorkflow.id });
    expect(afterwards.data?.run.workflowId, afterwards.text).toBe(`${alice.handle}/my-flow`);
  });

  it("shows lastRunAt at once on the instance that ran it, and never an older one after it is written", async () => {
    const alice = await signUp(server);
    expect((await alice.client.graphql(CreateFlow, { input: input("timed") })).errors).toBeUndefined();
    // Read once before the run, so the workflow cache holds a copy that never ran.
    expect((await alice.client.graphql(ReadFlow, { id: "timed" })).data?.workflow.lastRunAt).toBeNull();
    await alice.client.graphql(RunFlow, { id: "timed", inputs: PROMPT });
    const shown = (await alice.client.graphql(ReadFlow, { id: "timed" })).data?.workflow.lastRunAt;
    expect(shown).not.toBeNull();
    // Once the store has it (written behind the runs), every read still shows the same time.
    const address = `${alice.handle}/timed`;
    while ((await server.server.services.store.workflows.findById(address))?.lastRunAt == null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(new Date((await server.server.services.store.workflows.findById(address))!.lastRunAt!).toISOString()).toBe(shown);
    expect((await alice.client.graphql(ReadFlow, { id: "timed" })).data?.workflow.lastRunAt).toBe(shown);
    const listed = await alice.client.graphql(MyFlows, { first: 100, own: true });
    expect(listed.data!.workflows.edges.map((e) => e.node.lastRunAt)).toEqual([shown]);
  });

  it("a Free key still cannot create a workflow (SCOPE_DENIED), even sent with the owner's cookie, and runs it once deployed", async () => {
    const alice = await signUp(server);
    const key = await createKey(alice, "free", "laptop script");
    for (const client of [new Client(server.url, key.value), alice.client.withKey(key.value)]) {
      const refused = await client.graphql(CreateFlow, { input: input("by-key") });
      expect(refused.errors?.[0]?.extensions).toEqual({ code: "SCOPE_DENIED", required: "admin", actual: "free" });
      expect(refused.data).toBeNull();
    }
    // The same refusal over REST has the documented 403 body (a route that needs admin).
    const rest = await new Client(server.url, key.value).request("POST", "/api/models/knouds/echo/run", { inputs: { text: "hi" } });
    expect([rest.status, rest.body]).toEqual([
      403,
      { error: "Insufficient scope", code: "SCOPE_DENIED", required: "admin", actual: "free" },
    ]);
    expect(await server.server.services.store.workflows.countByAccount(alice.accountId)).toBe(0);

    // Made in the browser and deployed, the docs' curl runs it with that free key.
    expect((await alice.client.graphql(CreateFlow, { input: input("my-flow") })).errors).toBeUndefined();
    expect((await alice.client.graphql(DeployFlow, { id: "my-flow" })).errors).toBeUndefined();
    const curl = await new Client(server.url, key.value).request("POST", "/api/workflows/my-flow/run", { inputs: PROMPT });
    expect(curl.status, curl.text).toBe(200);
    const runId = (curl.body as { runId: string }).runId;
    const fromRest = await new Client(server.url, key.value).request("GET", `/api/runs/${runId}`);
    expect((fromRest.body as { ranBy: unknown }).ranBy).toEqual({ kind: "API_KEY", keyId: key.id, keyName: "laptop script" });
    // The browser's history shows both kinds, with the key's name.
    const inBrowser = await alice.client.graphql(RunFlow, { id: "my-flow", inputs: PROMPT });
    const history = await alice.client.graphql(MyRuns, {});
    expect(history.data!.runs.edges.map((e) => e.node)).toEqual([
      { id: inBrowser.data!.runWorkflow.id, status: "succeeded", ranBy: { kind: "BROWSER", keyName: null } },
      { id: runId, status: "succeeded", ranBy: { kind: "API_KEY", keyName: "laptop script" } },
    ]);
    const byKey = await new Client(server.url, key.value).graphql(ReadRun, { id: runId });
    expect(byKey.data?.run.ranBy).toEqual({ kind: "API_KEY", keyId: key.id, keyName: "laptop script" });
    // A free key cannot run the draft (admin), the browser can.
    expect((await alice.client.graphql(UndeployFlow, { id: "my-flow" })).errors).toBeUndefined();
    const draft = await new Client(server.url, key.value).request("POST", "/api/workflows/my-flow/run", { inputs: PROMPT });
    expect([draft.status, draft.body]).toEqual([
      403,
      { error: "Insufficient scope", code: "SCOPE_DENIED", required: "admin", actual: "free" },
    ]);
  });

  it("another account's session or key sees NOT_FOUND for a private workflow and its runs", async () => {
    const alice = await signUp(server, { tier: "pro" });
    expect((await alice.client.graphql(CreateFlow, { input: input("secret") })).errors).toBeUndefined();
    expect((await alice.client.graphql(DeployFlow, { id: "secret" })).errors).toBeUndefined();
    const aliceRun = await alice.client.graphql(RunFlow, { id: "secret", inputs: PROMPT });
    const address = `${alice.handle}/secret`;
    const before = (await alice.client.graphql(ReadFlow, { id: "secret" })).data!.workflow;

    const bob = await signUp(server, { tier: "business" });
    const bobKey = new Client(server.url, (await createKey(bob, "admin")).value);
    for (const [who, client] of [
      ["session", bob.client],
      ["admin key", bobKey],
    ] as const) {
      const answers = [
        await client.graphql(ReadFlow, { id: address }),
        await client.graphql(RunFlow, { id: address, inputs: PROMPT }),
        await client.graphql(UpdateFlow, { id: address, input: { name: "mine now" } }),
        await client.graphql(DeployFlow, { id: address }),
        await client.graphql(UndeployFlow, { id: address }),
        await client.graphql(DeleteFlow, { id: address }),
        await client.graphql(ReadRun, { id: aliceRun.data!.runWorkflow.id }),
      ];
      expect(
        answers.map((a) => codeOf(a)),
        who,
      ).toEqual(Array(answers.length).fill("NOT_FOUND"));
      const listed = await client.graphql(MyFlows, { first: 100 });
      expect(listed.data!.workflows.edges.map((e) => e.node.id)).not.toContain(address);
    }
    const rest = await bobKey.request("POST", `/api/workflows/${alice.handle}/secret/run`, { inputs: PROMPT });
    expect([rest.status, rest.body]).toEqual([404, { error: "Not Found" }]);
    expect((await alice.client.graphql(ReadFlow, { id: "secret" })).data!.workflow).toEqual(before);
  });

  it("a session acts as its plan's highest key on other accounts' public workflows", async () => {
    const publisher = await signUp(server, { tier: "pro" });
    expect((await publisher.client.graphql(CreateFlow, { input: input("shared", { visibility: "public" }) })).errors).toBeUndefined();
    expect((await publisher.client.graphql(DeployFlow, { id: "shared" })).errors).toBeUndefined();
    const address = `${publisher.handle}/shared`;
    // Free: like a free key, another account's workflow is not there to read; running it needs deployment.
    const free = await signUp(server);
    expect(codeOf(await free.client.graphql(ReadFlow, { id: address }))).toBe("NOT_FOUND");
    expect((await free.client.graphql(RunFlow, { id: address, inputs: PROMPT })).errors?.[0]?.extensions).toEqual({
      code: "SCOPE_DENIED",
      required: "deployment",
      actual: "free",
    });
    // Pro (deployment): reads its input schema and runs it, but sees neither steps nor outputs.
    const pro = await signUp(server, { tier: "pro" });
    const read = await pro.client.graphql(ReadFlow, { id: address });
    expect(read.data?.workflow, read.text).toMatchObject({ inputSchema: PROMPT_TO_IMAGE.inputSchema, steps: null, outputs: null });
    const ran = await pro.client.graphql(RunFlow, { id: address, inputs: PROMPT });
    expect(ran.data?.runWorkflow.ranBy.kind, ran.text).toBe("BROWSER");
    // Its list holds public ones too, unless it asks for its own only (the Workflows page).
    const everything = await pro.client.graphql(MyFlows, { first: 100 });
    expect(everything.data!.workflows.edges.map((e) => e.node.id)).toContain(address);
    expect((await pro.client.graphql(CreateFlow, { input: input("mine") })).errors).toBeUndefined();
    const own = await pro.client.graphql(MyFlows, { first: 100, own: true });
    expect(own.data!.workflows.edges.map((e) => e.node.id)).toEqual([`${pro.handle}/mine`]);
    expect(codeOf(await pro.client.graphql(UpdateFlow, { id: address, input: { name: "taken" } }))).toBe("NOT_FOUND");
  });

  it("charges every run made in the browser to the session budget", async () => {
    const alice = await signUp(server);
    expect((await alice.client.graphql(CreateFlow, { input: input("budget") })).errors).toBeUndefined();
    const send = async (query: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { cookie: alice.client.sessionCookie!, "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data?: Record<string, { id: string } | null>;
        errors?: Array<{ extensions: { code: string } }>;
      };
      return { body, limit: response.headers.get("ratelimit-limit"), remaining: Number(response.headers.get("ratelimit-remaining")) };
    };
    const runs = (n: number) =>
      `mutation { ${Array.from({ length: n }, (_, i) => `r${i}: runWorkflow(id: "budget", inputs: { prompt: "hill ${i}" }) { id }`).join(" ")} }`;
    const first = await send("{ viewer { authenticatedBy } }");
    expect(first.limit).toBe(String(sessionRequestsPerMinute("free")));
    // One request with three runs: the request pays for the first, each further run for itself.
    const three = await send(runs(3));
    expect(three.body.errors).toBeUndefined();
    expect(first.remaining - three.remaining).toBe(3);
    // Spend all but two, then ask for three runs: two run, the third is refused.
    for (let left = three.remaining; left > 2; left--) await send("{ viewer { authenticatedBy } }");
    const last = await send(runs(3));
    // (runWorkflow is non-null, so one refused run nulls the answer's data: the store has the runs.)
    expect(last.body.errors?.map((e) => e.extensions.code)).toEqual(["RATE_LIMITED"]);
    expect(last.remaining).toBe(0);
    const recorded = await server.server.services.store.runs.listByAccount(alice.accountId, {}, { after: null, limit: 100 });
    expect(recorded.items.map((run) => run.keyId)).toEqual([null, null, null, null, null]);
  });

  it("refuses invalid definitions at the place they point to, and changes nothing stored", async () => {
    const alice = await signUp(server);
    expect((await alice.client.graphql(CreateFlow, { input: input("careful") })).errors).toBeUndefined();
    const stored = (await alice.client.graphql(ReadFlow, { id: "careful" })).data!.workflow;
    const twoSteps = [
      PROMPT_TO_IMAGE.steps[0],
      { id: "again", model: "knouds/no-such-model", inputs: { prompt: { from: "input.prompt" } } },
    ];
    const cases: Array<[Record<string, unknown>, Array<{ path: string; message: string }>]> = [
      [{ steps: twoSteps }, [{ path: "steps.1.model", message: 'unknown model "knouds/no-such-model"' }]],
      [
        { inputSchema: { type: "object", properties: { n: { type: "integer", minimum: "zero" } } } },
        [{ path: "inputSchema.properties.n.minimum", message: "must be number" }],
      ],
      [
        { outputs: { image: { from: "steps.nowhere.svg" } } },
        [{ path: "outputs.image", message: '"steps.nowhere.svg" is not a workflow input or an output of an earlier step' }],
      ],
      [{ steps: [] }, [{ path: "steps", message: "a workflow needs at least one step" }]],
      [{ steps: [{ id: "draw", model: "knouds/svg-image" }] }, [{ path: "steps.0.inputs", message: expect.any(String) }]],
      [{ name: " " }, [{ path: "name", message: expect.any(String) }]],
    ];
    for (const [changes, details] of cases) {
      const refused = await alice.client.graphql(UpdateFlow, { id: "careful", input: changes });
      expect(refused.errors?.[0]?.extensions, JSON.stringify(changes)).toEqual({ code: "BAD_USER_INPUT", details });
      const created = await alice.client.graphql(CreateFlow, { input: input("careful-new", changes) });
      expect(created.errors?.[0]?.extensions, JSON.stringify(changes)).toEqual({ code: "BAD_USER_INPUT", details });
    }
    expect((await alice.client.graphql(ReadFlow, { id: "careful" })).data!.workflow).toEqual(stored);
    expect(codeOf(await alice.client.graphql(ReadFlow, { id: "careful-new" }))).toBe("NOT_FOUND");
    expect(await server.server.services.store.workflows.countByAccount(alice.accountId)).toBe(1);
  });
});

describe("workflows in the browser: the per-plan cap across two server processes on one SQLite file", () => {
  const instances: RunningProcess[] = [];
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  it(`lets exactly ${FREE_CAP} of 20 parallel creates of a Free account through, then says why`, async () => {
    const env = { KNOUDS_DATA_DIR: tempDataDir(), KNOUDS_SECRET: randomBytes(32).toString("hex") };
    // The first process migrates the file before the second opens it.
    instances.push(await startProcess(["--import", "tsx", "src/main.ts"], env));
    instances.push(await startProcess(["--import", "tsx", "src/main.ts"], env));
    // Signed up on the first process; the session cookie works on both (sessions are in the store).
    const onFirst = new Client(instances[0]!.url);
    const email = `cap-${randomBytes(4).toString("hex")}@example.com`;
    const signedUp = await onFirst.graphql(SignUp, { input: { email, password: "correct horse battery" } });
    expect(signedUp.errors, signedUp.text).toBeUndefined();
    const sessions = [onFirst, onFirst.withBaseUrl(instances[1]!.url)];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sessions[i % 2]!.graphql(CreateFlow, { input: input(`flow-${i}`) })),
    );
    const created = answers.filter((a) => a.errors === undefined);
    expect(created).toHaveLength(FREE_CAP);
    const refused = answers.filter((a) => a.errors !== undefined);
    expect(refused).toHaveLength(20 - FREE_CAP);
    for (const answer of refused) {
      expect(answer.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", details: [{ path: "", message: CAP_MESSAGE }] });
    }
    const listed = await sessions[1]!.graphql(MyFlows, { first: 100 });
    expect(listed.data!.workflows.edges.map((e) => e.node.id).sort()).toEqual(created.map((a) => a.data!.createWorkflow.id).sort());
    // Deleting one makes room for exactly one more.
    const gone = created[0]!.data!.createWorkflow.slug;
    expect((await sessions[0]!.graphql(DeleteFlow, { id: gone })).errors).toBeUndefined();
    expect((await sessions[1]!.graphql(CreateFlow, { input: input("one-more") })).errors).toBeUndefined();
    expect(codeOf(await sessions[0]!.graphql(CreateFlow, { input: input("one-too-many") }))).toBe("BAD_USER_INPUT");
  });
});
