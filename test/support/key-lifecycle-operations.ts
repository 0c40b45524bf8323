/** The GraphQL documents of the key-lifecycle tests (roll, rename, expiry, last use), typed by `npm run codegen`. */
import { graphql } from "../gql/index.js";

export const RollApiKey = graphql(`
  mutation RollApiKey($id: ID!, $graceSeconds: Int!) {
    rollApiKey(id: $id, graceSeconds: $graceSeconds) {
      value
      apiKey {
        id
        name
        scope
        start
        expiresAt
        graceEndsAt
        previousStart
      }
    }
  }
`);

export const RenameApiKey = graphql(`
  mutation RenameApiKey($id: ID!, $name: String!) {
    renameApiKey(id: $id, name: $name) {
      id
      name
      scope
    }
  }
`);

export const CreateExpiringApiKey = graphql(`
  mutation CreateExpiringApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      value
      apiKey {
        id
        name
        expiresAt
      }
    }
  }
`);

export const KeyDetails = graphql(`
  query KeyDetails {
    apiKeys(first: 100) {
      edges {
        node {
          id
          name
          scope
          start
          createdAt
          expiresAt
          graceEndsAt
          previousStart
          lastUsedAt
          lastUsedAddress
          lastUsedUserAgent
        }
      }
    }
  }
`);
