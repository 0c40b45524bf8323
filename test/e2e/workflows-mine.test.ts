/**
 * `workflows(mine: true)` lists only the caller's own workflows: what the web app's Workflows
 * page shows, even on a plan whose scope also sees every public deployed workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../gql/index.js";
import { signUp } from "../support/accounts.js";
import { startServer, type TestServer } from "../support/server.js";
import { CreateWorkflow } from "../support/workflow-operations.js";
import { PROMPT_TO_IMAGE } from "../support/workflows.js";

const WorkflowIds = graphql(`
  query WorkflowIds($mine: Boolean) {
    workflows(first: 100, mine: $mine) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

describe("workflows(mine: true)", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("leaves out other accounts' public workflows that the scope would show", async () => {
    const pro = await signUp(server, { tier: "pro", handle: "pro-owner" });
    const created = await pro.client.graphql(CreateWorkflow, {
      input: { id: "mine", name: "Mine", ...PROMPT_TO_IMAGE },
    });
    expect(created.errors, created.text).toBeUndefined();
    const ids = async (mine?: boolean) =>
      (await pro.client.graphql(WorkflowIds, { mine })).data?.workflows.edges.map((edge) => edge.node.id);
    expect(await ids()).toEqual(["knouds/hello-world", "pro-owner/mine"]);
    expect(await ids(true)).toEqual(["pro-owner/mine"]);
    expect(await ids(false)).toEqual(["knouds/hello-world", "pro-owner/mine"]);
  });
});
