import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";

// On your backend: the key stays on the server (never ship it to a browser).
export function createKnoudsClient(endpoint: string, apiKey: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: endpoint, headers: { "x-api-key": apiKey } }),
    cache: new InMemoryCache(),
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

export async function runWorkflow(client: ApolloClient, id: string, inputs: Record<string, unknown>) {
  const { data } = await client.mutate<{ runWorkflow: { id: string; status: string; outputs: unknown } }>({
    mutation: RUN_WORKFLOW,
    variables: { id, inputs },
  });
  return data!.runWorkflow;
}

// Every refusal, the 401 and 429 included, arrives as GraphQL errors with extensions.code.
export function knoudsErrorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined; // network trouble: retry later
  return error.errors[0]?.extensions?.code as string | undefined;
}
