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

export const KeyList = graphql(`
  query KeyList {
    apiKeys {
      id
      name
      scope
      start
      createdAt
      lastUsedAt
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
