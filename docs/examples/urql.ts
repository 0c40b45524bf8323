import { Client, fetchExchange, gql, type CombinedError } from "@urql/core";

// On your backend: the key stays on the server (never ship it to a browser).
export function createKnoudsClient(endpoint: string, apiKey: string): Client {
  return new Client({
    url: endpoint,
    exchanges: [fetchExchange],
    fetchOptions: { headers: { "x-api-key": apiKey } },
  });
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

export async function runWorkflow(client: Client, id: string, inputs: Record<string, unknown>) {
  const result = await client.mutation(RUN_WORKFLOW, { id, inputs }).toPromise();
  if (result.error) throw result.error;
  return result.data.runWorkflow as { id: string; status: string; outputs: unknown };
}

// urql never throws: a failed operation's `error` holds the GraphQL errors and their codes.
export function knoudsErrorCode(error: CombinedError): string | undefined {
  return error.graphQLErrors[0]?.extensions.code as string | undefined;
}
