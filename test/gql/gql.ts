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
    "\n  query StoredWorkflow($id: ID!) {\n    workflow(id: $id) {\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n": typeof types.StoredWorkflowDocument,
    "\n  mutation BrowserCreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      slug\n      status\n      visibility\n      lastRunAt\n    }\n  }\n": typeof types.BrowserCreateWorkflowDocument,
    "\n  mutation BrowserUpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n": typeof types.BrowserUpdateWorkflowDocument,
    "\n  mutation BrowserDeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      status\n    }\n  }\n": typeof types.BrowserDeployWorkflowDocument,
    "\n  mutation BrowserUndeployWorkflow($id: ID!) {\n    undeployWorkflow(id: $id) {\n      status\n    }\n  }\n": typeof types.BrowserUndeployWorkflowDocument,
    "\n  mutation BrowserDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": typeof types.BrowserDeleteWorkflowDocument,
    "\n  query BrowserWorkflow($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      status\n      visibility\n      inputSchema\n      steps\n      outputs\n      updatedAt\n      lastRunAt\n    }\n  }\n": typeof types.BrowserWorkflowDocument,
    "\n  query BrowserWorkflows($first: Int, $own: Boolean) {\n    workflows(first: $first, own: $own) {\n      edges {\n        node {\n          id\n          slug\n          status\n          lastRunAt\n        }\n      }\n    }\n  }\n": typeof types.BrowserWorkflowsDocument,
    "\n  mutation BrowserRunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      workflowId\n      keyId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n": typeof types.BrowserRunWorkflowDocument,
    "\n  query BrowserRun($id: ID!) {\n    run(id: $id) {\n      id\n      workflowId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n": typeof types.BrowserRunDocument,
    "\n  query BrowserRuns($workflowId: ID) {\n    runs(first: 50, workflowId: $workflowId) {\n      edges {\n        node {\n          id\n          status\n          ranBy {\n            kind\n            keyName\n          }\n        }\n      }\n    }\n  }\n": typeof types.BrowserRunsDocument,
    "\n  mutation RollApiKey($id: ID!, $graceSeconds: Int!) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        expiresAt\n        graceEndsAt\n        previousStart\n      }\n    }\n  }\n": typeof types.RollApiKeyDocument,
    "\n  mutation RenameApiKey($id: ID!, $name: String!) {\n    renameApiKey(id: $id, name: $name) {\n      id\n      name\n      scope\n    }\n  }\n": typeof types.RenameApiKeyDocument,
    "\n  mutation CreateExpiringApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateExpiringApiKeyDocument,
    "\n  query KeyDetails {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          expiresAt\n          graceEndsAt\n          previousStart\n          lastUsedAt\n          lastUsedAddress\n          lastUsedUserAgent\n        }\n      }\n    }\n  }\n": typeof types.KeyDetailsDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n      handle\n      email\n      tier\n      allowedScopes\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n      handle\n      tier\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query Viewer {\n    viewer {\n      authenticatedBy\n      effectiveScope\n      account {\n        id\n        handle\n        email\n        tier\n        isPlatformAdmin\n      }\n      apiKey {\n        id\n        scope\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query ApiKeys($accountId: ID, $first: Int, $after: String) {\n    apiKeys(accountId: $accountId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          lastUsedAt\n          scopeAssignedByPlatformAdmin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        scopeAssignedByPlatformAdmin\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteApiKeyDocument,
    "\n  mutation SetApiKeyScope($id: ID!, $scope: Scope!) {\n    setApiKeyScope(id: $id, scope: $scope) {\n      id\n      scope\n      scopeAssignedByPlatformAdmin\n    }\n  }\n": typeof types.SetApiKeyScopeDocument,
    "\n  mutation SetAccountTier($accountId: ID!, $tier: Tier!) {\n    setAccountTier(accountId: $accountId, tier: $tier) {\n      id\n      tier\n    }\n  }\n": typeof types.SetAccountTierDocument,
    "\n  query KeyUsage {\n    apiKeys(first: 5) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n            daily {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.KeyUsageDocument,
    "\n  query OtherAccountKeyUsage($accountId: ID) {\n    apiKeys(accountId: $accountId, first: 50) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.OtherAccountKeyUsageDocument,
    "\n  query ViewerKeyUsage {\n    viewer {\n      apiKey {\n        usage {\n          daily {\n            total\n          }\n        }\n      }\n    }\n  }\n": typeof types.ViewerKeyUsageDocument,
    "\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n        id\n        type\n        at\n        actor {\n          kind\n          accountId\n          email\n          platformAdmin\n        }\n        keyId\n        keyName\n        details\n        client {\n          address\n          userAgent\n        }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      status\n      visibility\n    }\n  }\n": typeof types.CreateWorkflowDocument,
    "\n  mutation UpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      inputSchema\n    }\n  }\n": typeof types.UpdateWorkflowDocument,
    "\n  mutation DeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DeployWorkflowDocument,
    "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteWorkflowDocument,
    "\n  mutation RunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n": typeof types.RunWorkflowDocument,
    "\n  mutation RunModel($id: String!, $inputs: JSON!) {\n    runModel(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n    }\n  }\n": typeof types.RunModelDocument,
    "\n  query WorkflowSchema($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      inputSchema\n    }\n  }\n": typeof types.WorkflowSchemaDocument,
    "\n  query WorkflowBasics($id: ID!) {\n    workflow(id: $id) {\n      id\n      status\n      visibility\n      steps\n    }\n  }\n": typeof types.WorkflowBasicsDocument,
    "\n  query Workflows($first: Int, $after: String) {\n    workflows(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ownerId\n          status\n          visibility\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WorkflowsDocument,
    "\n  query Models($first: Int, $after: String) {\n    models(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          provider\n          inputSchema\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ModelsDocument,
    "\n  query Runs($first: Int, $after: String, $workflowId: ID, $status: RunStatus) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status) {\n      edges {\n        node {\n          id\n          status\n          workflowId\n          modelId\n          keyId\n          startedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunsDocument,
    "\n  query RunById($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      workflowId\n      modelId\n      inputs\n      outputs\n    }\n  }\n": typeof types.RunByIdDocument,
};
const documents: Documents = {
    "\n  query StoredWorkflow($id: ID!) {\n    workflow(id: $id) {\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n": types.StoredWorkflowDocument,
    "\n  mutation BrowserCreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      slug\n      status\n      visibility\n      lastRunAt\n    }\n  }\n": types.BrowserCreateWorkflowDocument,
    "\n  mutation BrowserUpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n": types.BrowserUpdateWorkflowDocument,
    "\n  mutation BrowserDeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      status\n    }\n  }\n": types.BrowserDeployWorkflowDocument,
    "\n  mutation BrowserUndeployWorkflow($id: ID!) {\n    undeployWorkflow(id: $id) {\n      status\n    }\n  }\n": types.BrowserUndeployWorkflowDocument,
    "\n  mutation BrowserDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": types.BrowserDeleteWorkflowDocument,
    "\n  query BrowserWorkflow($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      status\n      visibility\n      inputSchema\n      steps\n      outputs\n      updatedAt\n      lastRunAt\n    }\n  }\n": types.BrowserWorkflowDocument,
    "\n  query BrowserWorkflows($first: Int, $own: Boolean) {\n    workflows(first: $first, own: $own) {\n      edges {\n        node {\n          id\n          slug\n          status\n          lastRunAt\n        }\n      }\n    }\n  }\n": types.BrowserWorkflowsDocument,
    "\n  mutation BrowserRunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      workflowId\n      keyId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n": types.BrowserRunWorkflowDocument,
    "\n  query BrowserRun($id: ID!) {\n    run(id: $id) {\n      id\n      workflowId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n": types.BrowserRunDocument,
    "\n  query BrowserRuns($workflowId: ID) {\n    runs(first: 50, workflowId: $workflowId) {\n      edges {\n        node {\n          id\n          status\n          ranBy {\n            kind\n            keyName\n          }\n        }\n      }\n    }\n  }\n": types.BrowserRunsDocument,
    "\n  mutation RollApiKey($id: ID!, $graceSeconds: Int!) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        expiresAt\n        graceEndsAt\n        previousStart\n      }\n    }\n  }\n": types.RollApiKeyDocument,
    "\n  mutation RenameApiKey($id: ID!, $name: String!) {\n    renameApiKey(id: $id, name: $name) {\n      id\n      name\n      scope\n    }\n  }\n": types.RenameApiKeyDocument,
    "\n  mutation CreateExpiringApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        expiresAt\n      }\n    }\n  }\n": types.CreateExpiringApiKeyDocument,
    "\n  query KeyDetails {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          expiresAt\n          graceEndsAt\n          previousStart\n          lastUsedAt\n          lastUsedAddress\n          lastUsedUserAgent\n        }\n      }\n    }\n  }\n": types.KeyDetailsDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n      handle\n      email\n      tier\n      allowedScopes\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n      handle\n      tier\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query Viewer {\n    viewer {\n      authenticatedBy\n      effectiveScope\n      account {\n        id\n        handle\n        email\n        tier\n        isPlatformAdmin\n      }\n      apiKey {\n        id\n        scope\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query ApiKeys($accountId: ID, $first: Int, $after: String) {\n    apiKeys(accountId: $accountId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          lastUsedAt\n          scopeAssignedByPlatformAdmin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        scopeAssignedByPlatformAdmin\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": types.DeleteApiKeyDocument,
    "\n  mutation SetApiKeyScope($id: ID!, $scope: Scope!) {\n    setApiKeyScope(id: $id, scope: $scope) {\n      id\n      scope\n      scopeAssignedByPlatformAdmin\n    }\n  }\n": types.SetApiKeyScopeDocument,
    "\n  mutation SetAccountTier($accountId: ID!, $tier: Tier!) {\n    setAccountTier(accountId: $accountId, tier: $tier) {\n      id\n      tier\n    }\n  }\n": types.SetAccountTierDocument,
    "\n  query KeyUsage {\n    apiKeys(first: 5) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n            daily {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n": types.KeyUsageDocument,
    "\n  query OtherAccountKeyUsage($accountId: ID) {\n    apiKeys(accountId: $accountId, first: 50) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n": types.OtherAccountKeyUsageDocument,
    "\n  query ViewerKeyUsage {\n    viewer {\n      apiKey {\n        usage {\n          daily {\n            total\n          }\n        }\n      }\n    }\n  }\n": types.ViewerKeyUsageDocument,
    "\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n        id\n        type\n        at\n        actor {\n          kind\n          accountId\n          email\n          platformAdmin\n        }\n        keyId\n        keyName\n        details\n        client {\n          address\n          userAgent\n        }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  mutation CreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      status\n      visibility\n    }\n  }\n": types.CreateWorkflowDocument,
    "\n  mutation UpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      inputSchema\n    }\n  }\n": types.UpdateWorkflowDocument,
    "\n  mutation DeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": types.DeployWorkflowDocument,
    "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": types.DeleteWorkflowDocument,
    "\n  mutation RunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n": types.RunWorkflowDocument,
    "\n  mutation RunModel($id: String!, $inputs: JSON!) {\n    runModel(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n    }\n  }\n": types.RunModelDocument,
    "\n  query WorkflowSchema($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      inputSchema\n    }\n  }\n": types.WorkflowSchemaDocument,
    "\n  query WorkflowBasics($id: ID!) {\n    workflow(id: $id) {\n      id\n      status\n      visibility\n      steps\n    }\n  }\n": types.WorkflowBasicsDocument,
    "\n  query Workflows($first: Int, $after: String) {\n    workflows(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ownerId\n          status\n          visibility\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WorkflowsDocument,
    "\n  query Models($first: Int, $after: String) {\n    models(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          provider\n          inputSchema\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ModelsDocument,
    "\n  query Runs($first: Int, $after: String, $workflowId: ID, $status: RunStatus) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status) {\n      edges {\n        node {\n          id\n          status\n          workflowId\n          modelId\n          keyId\n          startedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunsDocument,
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
export function graphql(source: "\n  query StoredWorkflow($id: ID!) {\n    workflow(id: $id) {\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query StoredWorkflow($id: ID!) {\n    workflow(id: $id) {\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserCreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      slug\n      status\n      visibility\n      lastRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation BrowserCreateWorkflow($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      slug\n      status\n      visibility\n      lastRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserUpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation BrowserUpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserDeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation BrowserDeployWorkflow($id: ID!) {\n    deployWorkflow(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserUndeployWorkflow($id: ID!) {\n    undeployWorkflow(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation BrowserUndeployWorkflow($id: ID!) {\n    undeployWorkflow(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation BrowserDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BrowserWorkflow($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      status\n      visibility\n      inputSchema\n      steps\n      outputs\n      updatedAt\n      lastRunAt\n    }\n  }\n"): (typeof documents)["\n  query BrowserWorkflow($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      status\n      visibility\n      inputSchema\n      steps\n      outputs\n      updatedAt\n      lastRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BrowserWorkflows($first: Int, $own: Boolean) {\n    workflows(first: $first, own: $own) {\n      edges {\n        node {\n          id\n          slug\n          status\n          lastRunAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BrowserWorkflows($first: Int, $own: Boolean) {\n    workflows(first: $first, own: $own) {\n      edges {\n        node {\n          id\n          slug\n          status\n          lastRunAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BrowserRunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      workflowId\n      keyId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BrowserRunWorkflow($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      workflowId\n      keyId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BrowserRun($id: ID!) {\n    run(id: $id) {\n      id\n      workflowId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n"): (typeof documents)["\n  query BrowserRun($id: ID!) {\n    run(id: $id) {\n      id\n      workflowId\n      ranBy {\n        kind\n        keyId\n        keyName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BrowserRuns($workflowId: ID) {\n    runs(first: 50, workflowId: $workflowId) {\n      edges {\n        node {\n          id\n          status\n          ranBy {\n            kind\n            keyName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BrowserRuns($workflowId: ID) {\n    runs(first: 50, workflowId: $workflowId) {\n      edges {\n        node {\n          id\n          status\n          ranBy {\n            kind\n            keyName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollApiKey($id: ID!, $graceSeconds: Int!) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        expiresAt\n        graceEndsAt\n        previousStart\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RollApiKey($id: ID!, $graceSeconds: Int!) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      value\n      apiKey {\n        id\n        name\n        scope\n        start\n        expiresAt\n        graceEndsAt\n        previousStart\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameApiKey($id: ID!, $name: String!) {\n    renameApiKey(id: $id, name: $name) {\n      id\n      name\n      scope\n    }\n  }\n"): (typeof documents)["\n  mutation RenameApiKey($id: ID!, $name: String!) {\n    renameApiKey(id: $id, name: $name) {\n      id\n      name\n      scope\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateExpiringApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateExpiringApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyDetails {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          expiresAt\n          graceEndsAt\n          previousStart\n          lastUsedAt\n          lastUsedAddress\n          lastUsedUserAgent\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyDetails {\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          expiresAt\n          graceEndsAt\n          previousStart\n          lastUsedAt\n          lastUsedAddress\n          lastUsedUserAgent\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query ApiKeys($accountId: ID, $first: Int, $after: String) {\n    apiKeys(accountId: $accountId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          lastUsedAt\n          scopeAssignedByPlatformAdmin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($accountId: ID, $first: Int, $after: String) {\n    apiKeys(accountId: $accountId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          lastUsedAt\n          scopeAssignedByPlatformAdmin\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query KeyUsage {\n    apiKeys(first: 5) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n            daily {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyUsage {\n    apiKeys(first: 5) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n            daily {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OtherAccountKeyUsage($accountId: ID) {\n    apiKeys(accountId: $accountId, first: 50) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OtherAccountKeyUsage($accountId: ID) {\n    apiKeys(accountId: $accountId, first: 50) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              total\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerKeyUsage {\n    viewer {\n      apiKey {\n        usage {\n          daily {\n            total\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ViewerKeyUsage {\n    viewer {\n      apiKey {\n        usage {\n          daily {\n            total\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n        id\n        type\n        at\n        actor {\n          kind\n          accountId\n          email\n          platformAdmin\n        }\n        keyId\n        keyName\n        details\n        client {\n          address\n          userAgent\n        }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n        id\n        type\n        at\n        actor {\n          kind\n          accountId\n          email\n          platformAdmin\n        }\n        keyId\n        keyName\n        details\n        client {\n          address\n          userAgent\n        }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query Workflows($first: Int, $after: String) {\n    workflows(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ownerId\n          status\n          visibility\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Workflows($first: Int, $after: String) {\n    workflows(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ownerId\n          status\n          visibility\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Models($first: Int, $after: String) {\n    models(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          provider\n          inputSchema\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Models($first: Int, $after: String) {\n    models(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          provider\n          inputSchema\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Runs($first: Int, $after: String, $workflowId: ID, $status: RunStatus) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status) {\n      edges {\n        node {\n          id\n          status\n          workflowId\n          modelId\n          keyId\n          startedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Runs($first: Int, $after: String, $workflowId: ID, $status: RunStatus) {\n    runs(first: $first, after: $after, workflowId: $workflowId, status: $status) {\n      edges {\n        node {\n          id\n          status\n          workflowId\n          modelId\n          keyId\n          startedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunById($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      workflowId\n      modelId\n      inputs\n      outputs\n    }\n  }\n"): (typeof documents)["\n  query RunById($id: ID!) {\n    run(id: $id) {\n      id\n      status\n      workflowId\n      modelId\n      inputs\n      outputs\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;