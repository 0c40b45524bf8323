/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    viewer {\n      authenticatedBy\n      account {\n        id\n        handle\n        email\n        name\n        tier\n        scopeCeiling\n        allowedScopes\n      }\n    }\n    scopes {\n      scope\n      description\n      requestsPerMinute\n      lowestTier\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignInPage($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n    }\n  }\n": typeof types.SignInPageDocument,
    "\n  mutation SignUpPage($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n    }\n  }\n": typeof types.SignUpPageDocument,
    "\n  mutation SignOutPage {\n    signOut\n  }\n": typeof types.SignOutPageDocument,
    "\n  query KeyList {\n    apiKeys {\n      id\n      name\n      scope\n      start\n      createdAt\n      lastUsedAt\n    }\n  }\n": typeof types.KeyListDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n": typeof types.CreateKeyDocument,
    "\n  mutation DeleteKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteKeyDocument,
};
const documents: Documents = {
    "\n  query Me {\n    viewer {\n      authenticatedBy\n      account {\n        id\n        handle\n        email\n        name\n        tier\n        scopeCeiling\n        allowedScopes\n      }\n    }\n    scopes {\n      scope\n      description\n      requestsPerMinute\n      lowestTier\n    }\n  }\n": types.MeDocument,
    "\n  mutation SignInPage($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n    }\n  }\n": types.SignInPageDocument,
    "\n  mutation SignUpPage($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n    }\n  }\n": types.SignUpPageDocument,
    "\n  mutation SignOutPage {\n    signOut\n  }\n": types.SignOutPageDocument,
    "\n  query KeyList {\n    apiKeys {\n      id\n      name\n      scope\n      start\n      createdAt\n      lastUsedAt\n    }\n  }\n": types.KeyListDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n": types.CreateKeyDocument,
    "\n  mutation DeleteKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": types.DeleteKeyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    viewer {\n      authenticatedBy\n      account {\n        id\n        handle\n        email\n        name\n        tier\n        scopeCeiling\n        allowedScopes\n      }\n    }\n    scopes {\n      scope\n      description\n      requestsPerMinute\n      lowestTier\n    }\n  }\n"): typeof import('./graphql.js').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInPage($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql.js').SignInPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUpPage($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql.js').SignUpPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutPage {\n    signOut\n  }\n"): typeof import('./graphql.js').SignOutPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyList {\n    apiKeys {\n      id\n      name\n      scope\n      start\n      createdAt\n      lastUsedAt\n    }\n  }\n"): typeof import('./graphql.js').KeyListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n"): typeof import('./graphql.js').CreateKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql.js').DeleteKeyDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
