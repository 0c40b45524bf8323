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
    "\n  query WorkflowForEdit($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n": typeof types.WorkflowForEditDocument,
    "\n  mutation SaveWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      slug\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n": typeof types.SaveWorkflowDocument,
    "\n  query KeyUsageList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n            }\n            daily {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.KeyUsageListDocument,
    "\n  query KeysPageWorkflows {\n    workflows(first: 100, own: true) {\n      edges {\n        node {\n          id\n          slug\n          name\n          status\n          ownerId\n          updatedAt\n          inputSchema\n        }\n      }\n    }\n  }\n": typeof types.KeysPageWorkflowsDocument,
    "\n  query Me {\n    viewer {\n      authenticatedBy\n      account {\n        id\n        handle\n        email\n        name\n        tier\n        scopeCeiling\n        allowedScopes\n      }\n    }\n    scopes {\n      scope\n      description\n      requestsPerMinute\n      lowestTier\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignInPage($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n    }\n  }\n": typeof types.SignInPageDocument,
    "\n  mutation SignUpPage($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n    }\n  }\n": typeof types.SignUpPageDocument,
    "\n  mutation SignOutPage {\n    signOut\n  }\n": typeof types.SignOutPageDocument,
    "\n  query KeyList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          lastUsedAt\n          expiresAt\n          graceEndsAt\n          previousStart\n          lastUsedAddress\n          lastUsedUserAgent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.KeyListDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n": typeof types.CreateKeyDocument,
    "\n  mutation DeleteKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteKeyDocument,
    "\n  mutation RollKey($id: ID!, $graceSeconds: Int!) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      value\n      apiKey {\n        id\n        name\n        graceEndsAt\n      }\n    }\n  }\n": typeof types.RollKeyDocument,
    "\n  mutation RenameKey($id: ID!, $name: String!) {\n    renameApiKey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.RenameKeyDocument,
    "\n  query SecurityLog($after: String) {\n    auditEvents(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          type\n          at\n          actor {\n            kind\n            accountId\n            email\n            platformAdmin\n          }\n          keyName\n          details\n          client {\n            address\n            userAgent\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SecurityLogDocument,
    "\n  query RunHistory($first: Int!, $after: String, $workflowId: ID) {\n    runs(first: $first, after: $after, workflowId: $workflowId) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          startedAt\n          durationMs\n          workflowId\n          modelId\n          inputs\n          outputs\n          error\n          ranBy {\n            kind\n            keyId\n            keyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunHistoryDocument,
    "\n  query WorkflowList($first: Int!, $after: String) {\n    workflows(first: $first, after: $after, own: true) {\n      edges {\n        node {\n          id\n          slug\n          name\n          ownerHandle\n          status\n          visibility\n          lastRunAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WorkflowListDocument,
    "\n  query WorkflowOverview($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      description\n      ownerHandle\n      status\n      visibility\n      createdAt\n      updatedAt\n      lastRunAt\n      steps\n    }\n  }\n": typeof types.WorkflowOverviewDocument,
    "\n  query WorkflowForRun($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      status\n      inputSchema\n    }\n  }\n": typeof types.WorkflowForRunDocument,
    "\n  mutation CreateWorkflowPage($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      slug\n    }\n  }\n": typeof types.CreateWorkflowPageDocument,
    "\n  mutation DeployWorkflowPage($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DeployWorkflowPageDocument,
    "\n  mutation UndeployWorkflowPage($id: ID!) {\n    undeployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.UndeployWorkflowPageDocument,
    "\n  mutation SetWorkflowVisibility($id: ID!, $visibility: Visibility!) {\n    updateWorkflow(id: $id, input: { visibility: $visibility }) {\n      id\n      visibility\n    }\n  }\n": typeof types.SetWorkflowVisibilityDocument,
    "\n  mutation DeleteWorkflowPage($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteWorkflowPageDocument,
    "\n  mutation RunWorkflowPage($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n": typeof types.RunWorkflowPageDocument,
};
const documents: Documents = {
    "\n  query WorkflowForEdit($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n": types.WorkflowForEditDocument,
    "\n  mutation SaveWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      slug\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n": types.SaveWorkflowDocument,
    "\n  query KeyUsageList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n            }\n            daily {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.KeyUsageListDocument,
    "\n  query KeysPageWorkflows {\n    workflows(first: 100, own: true) {\n      edges {\n        node {\n          id\n          slug\n          name\n          status\n          ownerId\n          updatedAt\n          inputSchema\n        }\n      }\n    }\n  }\n": types.KeysPageWorkflowsDocument,
    "\n  query Me {\n    viewer {\n      authenticatedBy\n      account {\n        id\n        handle\n        email\n        name\n        tier\n        scopeCeiling\n        allowedScopes\n      }\n    }\n    scopes {\n      scope\n      description\n      requestsPerMinute\n      lowestTier\n    }\n  }\n": types.MeDocument,
    "\n  mutation SignInPage($input: SignInInput!) {\n    signIn(input: $input) {\n      id\n    }\n  }\n": types.SignInPageDocument,
    "\n  mutation SignUpPage($input: SignUpInput!) {\n    signUp(input: $input) {\n      id\n    }\n  }\n": types.SignUpPageDocument,
    "\n  mutation SignOutPage {\n    signOut\n  }\n": types.SignOutPageDocument,
    "\n  query KeyList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          lastUsedAt\n          expiresAt\n          graceEndsAt\n          previousStart\n          lastUsedAddress\n          lastUsedUserAgent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.KeyListDocument,
    "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n": types.CreateKeyDocument,
    "\n  mutation DeleteKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n": types.DeleteKeyDocument,
    "\n  mutation RollKey($id: ID!, $graceSeconds: Int!) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      value\n      apiKey {\n        id\n        name\n        graceEndsAt\n      }\n    }\n  }\n": types.RollKeyDocument,
    "\n  mutation RenameKey($id: ID!, $name: String!) {\n    renameApiKey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": types.RenameKeyDocument,
    "\n  query SecurityLog($after: String) {\n    auditEvents(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          type\n          at\n          actor {\n            kind\n            accountId\n            email\n            platformAdmin\n          }\n          keyName\n          details\n          client {\n            address\n            userAgent\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SecurityLogDocument,
    "\n  query RunHistory($first: Int!, $after: String, $workflowId: ID) {\n    runs(first: $first, after: $after, workflowId: $workflowId) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          startedAt\n          durationMs\n          workflowId\n          modelId\n          inputs\n          outputs\n          error\n          ranBy {\n            kind\n            keyId\n            keyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunHistoryDocument,
    "\n  query WorkflowList($first: Int!, $after: String) {\n    workflows(first: $first, after: $after, own: true) {\n      edges {\n        node {\n          id\n          slug\n          name\n          ownerHandle\n          status\n          visibility\n          lastRunAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WorkflowListDocument,
    "\n  query WorkflowOverview($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      description\n      ownerHandle\n      status\n      visibility\n      createdAt\n      updatedAt\n      lastRunAt\n      steps\n    }\n  }\n": types.WorkflowOverviewDocument,
    "\n  query WorkflowForRun($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      status\n      inputSchema\n    }\n  }\n": types.WorkflowForRunDocument,
    "\n  mutation CreateWorkflowPage($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      slug\n    }\n  }\n": types.CreateWorkflowPageDocument,
    "\n  mutation DeployWorkflowPage($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": types.DeployWorkflowPageDocument,
    "\n  mutation UndeployWorkflowPage($id: ID!) {\n    undeployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n": types.UndeployWorkflowPageDocument,
    "\n  mutation SetWorkflowVisibility($id: ID!, $visibility: Visibility!) {\n    updateWorkflow(id: $id, input: { visibility: $visibility }) {\n      id\n      visibility\n    }\n  }\n": types.SetWorkflowVisibilityDocument,
    "\n  mutation DeleteWorkflowPage($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n": types.DeleteWorkflowPageDocument,
    "\n  mutation RunWorkflowPage($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n": types.RunWorkflowPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowForEdit($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n"): typeof import('./graphql.js').WorkflowForEditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveWorkflow($id: ID!, $input: UpdateWorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      id\n      slug\n      name\n      description\n      visibility\n      status\n      inputSchema\n      steps\n      outputs\n      updatedAt\n    }\n  }\n"): typeof import('./graphql.js').SaveWorkflowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyUsageList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          usage {\n            hourly {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n            }\n            daily {\n              start\n              ok\n              scopeDenied\n              rateLimited\n              otherErrors\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').KeyUsageListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeysPageWorkflows {\n    workflows(first: 100, own: true) {\n      edges {\n        node {\n          id\n          slug\n          name\n          status\n          ownerId\n          updatedAt\n          inputSchema\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').KeysPageWorkflowsDocument;
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
export function graphql(source: "\n  query KeyList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          scope\n          start\n          createdAt\n          lastUsedAt\n          expiresAt\n          graceEndsAt\n          previousStart\n          lastUsedAddress\n          lastUsedUserAgent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').KeyListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      value\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n"): typeof import('./graphql.js').CreateKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteKey($id: ID!) {\n    deleteApiKey(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql.js').DeleteKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollKey($id: ID!, $graceSeconds: Int!) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      value\n      apiKey {\n        id\n        name\n        graceEndsAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').RollKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameKey($id: ID!, $name: String!) {\n    renameApiKey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql.js').RenameKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityLog($after: String) {\n    auditEvents(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          type\n          at\n          actor {\n            kind\n            accountId\n            email\n            platformAdmin\n          }\n          keyName\n          details\n          client {\n            address\n            userAgent\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').SecurityLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunHistory($first: Int!, $after: String, $workflowId: ID) {\n    runs(first: $first, after: $after, workflowId: $workflowId) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          startedAt\n          durationMs\n          workflowId\n          modelId\n          inputs\n          outputs\n          error\n          ranBy {\n            kind\n            keyId\n            keyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').RunHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowList($first: Int!, $after: String) {\n    workflows(first: $first, after: $after, own: true) {\n      edges {\n        node {\n          id\n          slug\n          name\n          ownerHandle\n          status\n          visibility\n          lastRunAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').WorkflowListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowOverview($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      description\n      ownerHandle\n      status\n      visibility\n      createdAt\n      updatedAt\n      lastRunAt\n      steps\n    }\n  }\n"): typeof import('./graphql.js').WorkflowOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowForRun($id: ID!) {\n    workflow(id: $id) {\n      id\n      slug\n      name\n      status\n      inputSchema\n    }\n  }\n"): typeof import('./graphql.js').WorkflowForRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkflowPage($input: CreateWorkflowInput!) {\n    createWorkflow(input: $input) {\n      id\n      slug\n    }\n  }\n"): typeof import('./graphql.js').CreateWorkflowPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeployWorkflowPage($id: ID!) {\n    deployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql.js').DeployWorkflowPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UndeployWorkflowPage($id: ID!) {\n    undeployWorkflow(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql.js').UndeployWorkflowPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWorkflowVisibility($id: ID!, $visibility: Visibility!) {\n    updateWorkflow(id: $id, input: { visibility: $visibility }) {\n      id\n      visibility\n    }\n  }\n"): typeof import('./graphql.js').SetWorkflowVisibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWorkflowPage($id: ID!) {\n    deleteWorkflow(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql.js').DeleteWorkflowPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunWorkflowPage($id: ID!, $inputs: JSON!) {\n    runWorkflow(id: $id, inputs: $inputs) {\n      id\n      status\n      outputs\n      error\n      durationMs\n    }\n  }\n"): typeof import('./graphql.js').RunWorkflowPageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
