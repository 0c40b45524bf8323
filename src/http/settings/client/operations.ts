/** Everything the settings page asks the API, as typed documents (`npm run codegen`). */
import { graphql } from "./gql/index.js";

export const Me = graphql(`
  query Me {
    viewer {
      authenticatedBy
      account {
        id
        handle
        email
        name
        tier
        scopeCeiling
        allowedScopes
      }
    }
    scopes {
      scope
      description
      requestsPerMinute
      lowestTier
    }
  }
`);

export const SignInPage = graphql(`
  mutation SignInPage($input: SignInInput!) {
    signIn(input: $input) {
      id
    }
  }
`);

export const SignUpPage = graphql(`
  mutation SignUpPage($input: SignUpInput!) {
    signUp(input: $input) {
      id
    }
  }
`);

export const SignOutPage = graphql(`
  mutation SignOutPage {
    signOut
  }
`);

/** Keys per page of the list; below the account's 100-key cap, so a full account has two pages. */
export const KEYS_PER_PAGE = 50;

export const KeyList = graphql(`
  query KeyList($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      edges {
        node {
          id
          name
          scope
          start
          createdAt
          lastUsedAt
          expiresAt
          graceEndsAt
          previousStart
          lastUsedAddress
          lastUsedUserAgent
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateKey = graphql(`
  mutation CreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      value
      apiKey {
        id
        name
        scope
      }
    }
  }
`);

export const DeleteKey = graphql(`
  mutation DeleteKey($id: ID!) {
    deleteApiKey(id: $id) {
      id
    }
  }
`);

export const RollKey = graphql(`
  mutation RollKey($id: ID!, $graceSeconds: Int!) {
    rollApiKey(id: $id, graceSeconds: $graceSeconds) {
      value
      apiKey {
        id
        name
        graceEndsAt
      }
    }
  }
`);

export const RenameKey = graphql(`
  mutation RenameKey($id: ID!, $name: String!) {
    renameApiKey(id: $id, name: $name) {
      id
      name
    }
  }
`);
