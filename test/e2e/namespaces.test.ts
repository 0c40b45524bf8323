/**
 * Per-account workflow namespaces (docs/workflows.md#workflow-addresses): `handle/slug` addresses, a bare slug is the
 * caller's own, nobody can squat, probe or take over another account's ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_HANDLE_LENGTH } from "../../src/domain/handle.js";
import { createKey, signUp, type SignedIn } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { SignUp, Viewer } from "../support/operations.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow, DeleteWorkflow, RunWorkflow, WorkflowBasics } from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE, createWorkflow, type DefinitionInput } from "../support/workflows.js";

/** A workflow whose output says whose it is, so a run shows which definition answered. */
function signed(owner: string): DefinitionInput {
  return {
    inputSchema: { type: "object", properties: { prompt: { type: "string" } } },
    steps: [{ id: "say", model: "knouds/template", inputs: { template: { value: `${owner}: {{prompt}}` }, values: { from: "input" } } }],
    outputs: { text: { from: "steps.say.text" } },
  };
}

/** The curl in docs/getting-started.md, verbatim but for the host. */
async function documentedCurl(server: TestServer, key: string, id = "my-flow") {
  const response = await fetch(`${server.url}/api/workflows/${id}/run`, {
    method: "POST",
    headers: { "x-api-key": key, "Content-Type": "application/json" },
    body: '{"inputs": {"prompt": "a mountain at dusk"}}',
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("workflow namespaces", () => {
  let server: TestServer;
  let ada: SignedIn;
  let bob: SignedIn;
  beforeAll(async () => {
    server = await startServer();
    ada = await signUp(server, { tier: "business", handle: "ada" });
    bob = await signUp(server, { tier: "business", handle: "bob" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lets two accounts each own a my-flow, and the documented curl runs each owner's own", async () => {
    await createWorkflow(ada, "my-flow", { definition: signed("ada") });
    await createWorkflow(bob, "my-flow", { definition: signed("bob"), visibility: "public" });
    const adaKey = (await createKey(ada, "free")).value;
    const bobKey = (await createKey(bob, "free")).value;
    expect(await documentedCurl(server, adaKey)).toMatchObject({ status: 200, body: { outputs: { text: "ada: a mountain at dusk" } } });
    expect(await documentedCurl(server, bobKey)).toMatchObject({ status: 200, body: { outputs: { text: "bob: a mountain at dusk" } } });
    // The full address reaches bob's public one from ada's deployment key; the bare slug stays ada's.
    const adaDeployment = (await createKey(ada, "deployment")).value;
    expect(await documentedCurl(server, adaDeployment, "bob/my-flow")).toMatchObject({
      body: { outputs: { text: "bob: a mountain at dusk" } },
    });
    expect(await documentedCurl(server, adaDeployment, "my-flow")).toMatchObject({
      body: { outputs: { text: "ada: a mountain at dusk" } },
    });
    const graphql = new Client(server.url, adaDeployment);
    const ran = await graphql.graphql(RunWorkflow, { id: "bob/my-flow", inputs: { prompt: "x" } });
    expect(ran.data?.runWorkflow.outputs).toEqual({ text: "bob: x" });
    expect((await graphql.graphql(WorkflowBasics, { id: "my-flow" })).data?.workflow.id).toBe("ada/my-flow");
  });

  it("hides another account's private workflow under both address forms, and creating its slug succeeds (no leak, no conflict)", async () => {
    await createWorkflow(ada, "biz-priv-draft", { draft: true });
    const bobAdmin = new Client(server.url, (await createKey(bob, "admin")).value);
    for (const id of ["ada/biz-priv-draft", "biz-priv-draft"]) {
      expect((await bobAdmin.graphql(WorkflowBasics, { id })).errors?.[0]?.extensions.code).toBe("NOT_FOUND");
      expect((await bobAdmin.graphql(RunWorkflow, { id, inputs: { prompt: "x" } })).errors?.[0]?.extensions.code).toBe("NOT_FOUND");
      expect((await bobAdmin.request("POST", `/api/workflows/${id}/run`, { inputs: { prompt: "x" } })).status).toBe(404);
      expect((await bobAdmin.request("GET", `/api/workflows/${id}/schema`)).status).toBe(404);
    }
    const created = await bobAdmin.graphql(CreateWorkflow, { input: { id: "biz-priv-draft", name: "mine", ...PROMPT_TO_IMAGE } });
    expect(created.errors, created.text).toBeUndefined();
    expect(created.data?.createWorkflow.id).toBe("bob/biz-priv-draft");
    // Ada's is untouched.
    const adaAdmin = new Client(server.url, (await createKey(ada, "admin")).value);
    expect((await adaAdmin.graphql(WorkflowBasics, { id: "biz-priv-draft" })).data?.workflow).toMatchObject({
      id: "ada/biz-priv-draft",
      status: "draft",
    });
  });

  it("never lets a deleted public workflow's address run another tenant's definition", async () => {
    await createWorkflow(ada, "popular", { definition: signed("ada"), visibility: "public" });
    const caller = (await createKey(bob, "deployment")).value;
    expect(await documentedCurl(server, caller, "ada/popular")).toMatchObject({ status: 200 });
    const adaAdmin = new Client(server.url, (await createKey(ada, "admin")).value);
    expect((await adaAdmin.graphql(DeleteWorkflow, { id: "popular" })).errors).toBeUndefined();
    const carol = await signUp(server, { tier: "business" });
    await createWorkflow(carol, "popular", { definition: signed("carol"), visibility: "public" });
    expect((await documentedCurl(server, caller, "ada/popular")).status).toBe(404);
    expect(await documentedCurl(server, caller, `${carol.handle}/popular`)).toMatchObject({
      body: { outputs: { text: "carol: a mountain at dusk" } },
    });
  });

  it("runs the example as knouds/hello-world for any account's deployment key, over REST and GraphQL", async () => {
    for (const owner of [ada, bob, await signUp(server, { tier: "pro" })]) {
      const key = (await createKey(owner, "deployment")).value;
      const rest = await new Client(server.url, key).request("POST", "/api/workflows/knouds/hello-world/run", { inputs: { name: "Ada" } });
      expect(rest.body).toMatchObject({ status: "succeeded", outputs: { greeting: "Hello, Ada!" } });
      const graphql = await new Client(server.url, key).graphql(RunWorkflow, { id: "knouds/hello-world", inputs: {} });
      expect(graphql.data?.runWorkflow.outputs).toEqual({ greeting: "Hello, world!" });
    }
  });

  it("gives every account a handle: chosen at sign-up, or derived from the email and de-duplicated", async () => {
    const viewer = await new Client(server.url, (await createKey(ada, "free")).value).graphql(Viewer);
    expect(viewer.data?.viewer?.account.handle).toBe("ada");

    const signUpAs = (email: string, handle?: string) =>
      new Client(server.url).graphql(SignUp, { input: { email, password: "correct horse battery", handle } });
    const first = await signUpAs("Grace.Hopper@example.com");
    expect(first.data?.signUp.handle).toBe("grace-hopper");
    const second = await signUpAs("grace.hopper@example.org");
    expect(second.data?.signUp.handle).toMatch(/^grace-hopper-[a-z0-9]+$/);
    // "knouds-account" would read as the system account: a plain handle instead.
    expect((await signUpAs("knouds@example.com")).data?.signUp.handle).toMatch(/^user(-[a-z0-9]+)?$/);

    const taken = await signUpAs("someone-else@example.com", "ada");
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    expect(taken.errors?.[0]?.message).toContain("handle");
    for (const bad of ["knouds", "Has Space", "-leading", "a/b", "x".repeat(MAX_HANDLE_LENGTH + 1), "nul\u0000"]) {
      const answer = await signUpAs(`bad-${Math.random()}@example.com`, bad);
      expect(answer.errors?.[0]?.extensions, bad).toMatchObject({ code: "BAD_USER_INPUT", details: [{ path: "handle" }] });
    }
    expect((await signUpAs("fine@example.com", "x".repeat(MAX_HANDLE_LENGTH))).data?.signUp.handle).toBe("x".repeat(MAX_HANDLE_LENGTH));
  });
});
