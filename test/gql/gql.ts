/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n      handle\n      email\n      tier\n      allowedScopes\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n      handle\n      tier\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query Viewer {\n    viewer {\n      authenticatedBy\n      effectiveScope\n      account {\n        id\n        handle\n        email\n        tier\n        isPlatformAdmin\n      }\n      apiKey {\n        id\n        scope\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query ApiKeys($accountId: ID) {\n    apiKeys(accountId: $accountId) {\n      id\n      name\n      scope\n      start\n      createdAt\n      lastUsedAt\n      scopeAssignedByPlatformAdmin\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        scopeAssignedByPlatformAdmin\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteApiKeyDocument,
    "\n  mutation SetApiKeyScope($id: ID!, $scope: Scope!) {\n    setApiKeyScope(id: $id, scope: $scope) {\n      id\n      scope\n      scopeAssignedByPlatformAdmin\n    }\n  }\n": typeof types.SetApiKeyScopeDocument,
    "\n  mutation SetAccountTier($accountId: ID!, $tier: Tier!) {\n    setAccountTier(accountId: $accountId, tier: $tier) {\n      id\n      tier\n    }\n  }\n": typeof types.SetAccountTierDocument,
    "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      status\n      visibility\n    }\n  }\n": typeof types.CreateWorkflowDocument,
    "\n  mutation UpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      inputSchema\n    }\n  }\n": typeof types.UpdateWorkflowDocument,
    "\n  mutation DeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DeployWorkflowDocument,
    "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteWorkflowDocument,
    "\n  mutation RunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n": typeof types.RunWorkflowDocument,
    "\n  mutation RunModel($id: String!, $inputs: JSON!) {\n    runModel(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n    }\n  }\n": typeof types.RunModelDocument,
    "\n  query WorkflowSchema($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      inputSchema\n    }\n  }\n": typeof types.WorkflowSchemaDocument,
    "\n  query WorkflowBasics($id: ID!) {\n    workflow(id: $id) {\n      id\n      status\n      visibility\n      steps\n    }\n  }\n": typeof types.WorkflowBasicsDocument,
    "\n  query Workflows {\n    workflows {\n      id\n      ownerId\n      status\n      visibility\n    }\n  }\n": typeof types.WorkflowsDocument,
    "\n  query Models {\n    models {\n      id\n      provider\n      inputSchema\n    }\n  }\n": typeof types.ModelsDocument,
    "\n  query RunById($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      workflowId\n      modelId\n      inputs\n      outputs\n    }\n  }\n": typeof types.RunByIdDocument,
};
const documents: Documents = {
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n      handle\n      email\n      tier\n      allowedScopes\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n      handle\n      tier\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query Viewer {\n    viewer {\n      authenticatedBy\n      effectiveScope\n      account {\n        id\n        handle\n        email\n        tier\n        isPlatformAdmin\n      }\n      apiKey {\n        id\n        scope\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query ApiKeys($accountId: ID) {\n    apiKeys(accountId: $accountId) {\n      id\n      name\n      scope\n      start\n      createdAt\n      lastUsedAt\n      scopeAssignedByPlatformAdmin\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        scopeAssignedByPlatformAdmin\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": types.DeleteApiKeyDocument,
    "\n  mutation SetApiKeyScope($id: ID!, $scope: Scope!) {\n    setApiKeyScope(id: $id, scope: $scope) {\n      id\n      scope\n      scopeAssignedByPlatformAdmin\n    }\n  }\n": types.SetApiKeyScopeDocument,
    "\n  mutation SetAccountTier($accountId: ID!, $tier: Tier!) {\n    setAccountTier(accountId: $accountId, tier: $tier) {\n      id\n      tier\n    }\n  }\n": types.SetAccountTierDocument,
    "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      status\n      visibility\n    }\n  }\n": types.CreateWorkflowDocument,
    "\n  mutation UpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      inputSchema\n    }\n  }\n": types.UpdateWorkflowDocument,
    "\n  mutation DeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": types.DeployWorkflowDocument,
    "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": types.DeleteWorkflowDocument,
    "\n  mutation RunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n": types.RunWorkflowDocument,
    "\n  mutation RunModel($id: String!, $inputs: JSON!) {\n    runModel(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n    }\n  }\n": types.RunModelDocument,
    "\n  query WorkflowSchema($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      inputSchema\n    }\n  }\n": types.WorkflowSchemaDocument,
    "\n  query WorkflowBasics($id: ID!) {\n    workflow(id: $id) {\n      id\n      status\n      visibility\n      steps\n    }\n  }\n": types.WorkflowBasicsDocument,
    "\n  query Workflows {\n    workflows {\n      id\n      ownerId\n      status\n      visibility\n    }\n  }\n": types.WorkflowsDocument,
    "\n  query Models {\n    models {\n      id\n      provider\n      inputSchema\n    }\n  }\n": types.ModelsDocument,
    "\n  query RunById($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      workflowId\n      modelId\n      inputs\n      outputs\n    }\n  }\n": types.RunByIdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n      handle\n      email\n      tier\n      allowedScopes\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n      handle\n      email\n      tier\n      allowedScopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n      handle\n      tier\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n      handle\n      tier\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      authenticatedBy\n      effectiveScope\n      account {\n        id\n        handle\n        email\n        tier\n        isPlatformAdmin\n      }\n      apiKey {\n        id\n        scope\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      authenticatedBy\n      effectiveScope\n      account {\n        id\n        handle\n        email\n        tier\n        isPlatformAdmin\n      }\n      apiKey {\n        id\n        scope\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($accountId: ID) {\n    apiKeys(accountId: $accountId) {\n      id\n      name\n      scope\n      start\n      createdAt\n      lastUsedAt\n      scopeAssignedByPlatformAdmin\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($accountId: ID) {\n    apiKeys(accountId: $accountId) {\n      id\n      name\n      scope\n      start\n      createdAt\n      lastUsedAt\n      scopeAssignedByPlatformAdmin\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        scopeAssignedByPlatformAdmin\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        scopeAssignedByPlatformAdmin\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetApiKeyScope($id: ID!, $scope: Scope!) {\n    setApiKeyScope(id: $id, scope: $scope) {\n      id\n      scope\n      scopeAssignedByPlatformAdmin\n    }\n  }\n"): (typeof documents)["\n  mutation SetApiKeyScope($id: ID!, $scope: Scope!) {\n    setApiKeyScope(id: $id, scope: $scope) {\n      id\n      scope\n      scopeAssignedByPlatformAdmin\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAccountTier($accountId: ID!, $tier: Tier!) {\n    setAccountTier(accountId: $accountId, tier: $tier) {\n      id\n      tier\n    }\n  }\n"): (typeof documents)["\n  mutation SetAccountTier($accountId: ID!, $tier: Tier!) {\n    setAccountTier(accountId: $accountId, tier: $tier) {\n      id\n      tier\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      status\n      visibility\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      status\n      visibility\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      inputSchema\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      inputSchema\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  mutation RunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunModel($id: String!, $inputs: JSON!) {\n    runModel(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n    }\n  }\n"): (typeof documents)["\n  mutation RunModel($id: String!, $inputs: JSON!) {\n    runModel(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowSchema($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      inputSchema\n    }\n  }\n"): (typeof documents)["\n  query WorkflowSchema($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      inputSchema\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowBasics($id: ID!) {\n    workflow(id: $id) {\n      id\n      status\n      visibility\n      steps\n    }\n  }\n"): (typeof documents)["\n  query WorkflowBasics($id: ID!) {\n    workflow(id: $id) {\n      id\n      status\n      visibility\n      steps\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workflows {\n    workflows {\n      id\n      ownerId\n      status\n      visibility\n    }\n  }\n"): (typeof documents)["\n  query Workflows {\n    workflows {\n      id\n      ownerId\n      status\n      visibility\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Models {\n    models {\n      id\n      provider\n      inputSchema\n    }\n  }\n"): (typeof documents)["\n  query Models {\n    models {\n      id\n      provider\n      inputSchema\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunById($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      workflowId\n      modelId\n      inputs\n      outputs\n    }\n  }\n"): (typeof documents)["\n  query RunById($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      workflowId\n      modelId\n      inputs\n      outputs\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;