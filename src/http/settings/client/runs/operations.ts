/** What the run history asks the API (`npm run codegen` types them). */
import { graphql } from "../gql/index.js";

/** One page of runs, newest first: the account's, or one workflow's with `workflowId`. */
export const RunHistory = graphql(`
  query RunHistory($first: Int!, $after: String, $workflowId: ID) {
    runs(first: $first, after: $after, workflowId: $workflowId) {
      edges {
        cursor
        node {
          id
          status
          startedAt
          durationMs
          workflowId
          modelId
          inputs
          outputs
          error
          ranBy {
            kind
            keyId
            keyName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
