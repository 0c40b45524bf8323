/** The GraphQL documents the tests send, typed by `npm run codegen`. */
import { graphql } from "../gql/index.js";

export const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      id
      handle
      email
      tier
      allowedScopes
    }
  }
`);

export const SignIn = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      id
      handle
      tier
    }
  }
`);

export const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const Viewer = graphql(`
  query Viewer {
    viewer {
      authenticatedBy
      effectiveScope
      account {
        id
        handle
        email
        tier
        isPlatformAdmin
      }
      apiKey {
        id
        scope
      }
    }
  }
`);

export const ApiKeys = graphql(`
  query ApiKeys($accountId: ID) {
    apiKeys(accountId: $accountId) {
      id
      name
      scope
      start
      createdAt
      lastUsedAt
      scopeAssignedByPlatformAdmin
    }
  }
`);

export const CreateApiKey = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      value
      apiKey {
        id
        name
        scope
        start
        scopeAssignedByPlatformAdmin
      }
    }
  }
`);

export const DeleteApiKey = graphql(`
  mutation DeleteApiKey($id: ID!) {
    deleteApiKey(id: $id) {
      id
    }
  }
`);

export const SetApiKeyScope = graphql(`
  mutation SetApiKeyScope($id: ID!, $scope: Scope!) {
    setApiKeyScope(id: $id, scope: $scope) {
      id
      scope
      scopeAssignedByPlatformAdmin
    }
  }
`);

export const SetAccountTier = graphql(`
  mutation SetAccountTier($accountId: ID!, $tier: Tier!) {
    setAccountTier(accountId: $accountId, tier: $tier) {
      id
      tier
    }
  }
`);
