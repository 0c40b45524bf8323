import { ClientError, GraphQLClient, gql } from "graphql-request";

// On your backend: the key stays on the server (never ship it to a browser).
export function createKnoudsClient(endpoint: string, apiKey: string): GraphQLClient {
  return new GraphQLClient(endpoint, { headers: { "x-api-key": apiKey } });
}

const RUN_WORKFLOW = gql`
  mutation RunWorkflow($id: ID!, $inputs: JSON!) {
    runWorkflow(id: $id, inputs: $inputs) {
      id
      status
      outputs
    }
  }
`;

export async function runWorkflow(client: GraphQLClient, id: string, inputs: Record<string, unknown>) {
  const data = await client.request<{ runWorkflow: { id: string; status: string; outputs: unknown } }>(RUN_WORKFLOW, {
    id,
    inputs,
  });
  return data.runWorkflow;
}

// A refusal throws a ClientError whose response carries the GraphQL errors and their codes.
export function knoudsErrorCode(error: unknown): string | undefined {
  if (!(error instanceof ClientError)) return undefined; // network trouble: retry later
  return error.response.errors?.[0]?.extensions?.code as string | undefined;
}
