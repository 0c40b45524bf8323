import type { GraphQLClient } from "graphql-request";
import { graphql } from "./gql/index.js";

const RunHelloWorld = graphql(`
  mutation RunHelloWorld($inputs: JSON!) {
    runWorkflow(id: "knouds/hello-world", inputs: $inputs) {
      id
      status
      outputs
      finishedAt
    }
  }
`);

// Typed end to end: `status` is "succeeded" | "failed", `finishedAt` a string.
export async function runHelloWorld(client: GraphQLClient, name: string) {
  const { runWorkflow } = await client.request(RunHelloWorld, { inputs: { name } });
  const finished: Date = new Date(runWorkflow.finishedAt);
  return { status: runWorkflow.status, outputs: runWorkflow.outputs, finished };
}
