/**
 * Every template "New workflow" offers (src/http/settings/client/workflows/templates.ts) is a
 * definition the server accepts as it stands, and runs: created over HTTP by a Free account's
 * browser session (as the page does), deployed, and run with inputs its form would send, each
 * answers outputs of the kind the template promises.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKFLOW_TEMPLATES, templateFor } from "../../../src/http/settings/client/workflows/templates.js";
import { signUp, type SignedIn } from "../../support/accounts.js";
import type { Client } from "../../support/client.js";
import { startServer, type TestServer } from "../../support/server.js";
import { CreateWorkflow, DeployWorkflow, RunWorkflow } from "../../support/workflow-operations.js";

/** What a person types into each template's form, and what its outputs must look like. */
const TRIES: Record<string, { inputs: Record<string, unknown>; outputs: (outputs: Record<string, unknown>) => void }> = {
  picture: {
    inputs: { prompt: "a mountain at dusk" },
    outputs: (outputs) => expect(String(outputs.image)).toMatch(/^<svg [^>]*>.*<title>a mountain at dusk<\/title>.*<\/svg>$/s),
  },
  text: {
    inputs: { guest: "Ada", occasion: "launch" },
    outputs: (outputs) => expect(outputs).toEqual({ text: "Dear Ada, you are invited to our launch. We are keeping 2 seats for you." }),
  },
  blank: {
    inputs: { text: "hello" },
    outputs: (outputs) => expect(outputs).toEqual({ text: "hello" }),
  },
};

describe("workflow templates", () => {
  let server: TestServer;
  let owner: SignedIn;
  let client: Client;

  beforeAll(async () => {
    server = await startServer();
    owner = await signUp(server);
    client = owner.client;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("offers the docs' example first: my-flow, a prompt in, knouds/svg-image, the picture out", () => {
    const picture = templateFor(undefined);
    expect(picture.slug).toBe("my-flow");
    expect(picture.definition.steps.map((step) => step.model)).toEqual(["knouds/svg-image"]);
    expect(Object.keys((picture.definition.inputSchema as { properties: object }).properties)).toEqual(["prompt"]);
    expect(WORKFLOW_TEMPLATES.map((template) => template.key)).toEqual(["picture", "text", "blank"]);
  });

  for (const template of WORKFLOW_TEMPLATES) {
    it(`${template.title}: the server accepts the definition, deploys and runs it`, async () => {
      const created = await client.graphql(CreateWorkflow, {
        input: { id: template.slug, name: template.name, description: template.description, ...template.definition },
      });
      expect(created.errors, created.text).toBeUndefined();
      expect(created.data?.createWorkflow).toMatchObject({ id: `${owner.handle}/${template.slug}`, status: "draft" });
      const deployed = await client.graphql(DeployWorkflow, { id: template.slug });
      expect(deployed.errors, deployed.text).toBeUndefined();
      const tried = TRIES[template.key]!;
      const run = await client.graphql(RunWorkflow, { id: template.slug, inputs: tried.inputs });
      expect(run.errors, run.text).toBeUndefined();
      expect(run.data?.runWorkflow.status).toBe("succeeded");
      tried.outputs(run.data?.runWorkflow.outputs as Record<string, unknown>);
    });
  }
});
