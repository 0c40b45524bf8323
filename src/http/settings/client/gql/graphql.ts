/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuditActorKind =
  /** A signed-in account: the owner, or a platform admin */
  | 'ACCOUNT'
  /** Someone not signed in (a failed sign-in, a leak report) */
  | 'ANONYMOUS'
  /** The operator CLI */
  | 'OPERATOR'
  /** The server itself (an expiry, say) */
  | 'SYSTEM';

export type AuditEventType =
  | 'ACCOUNT_PLATFORM_ADMIN_CHANGED'
  | 'ACCOUNT_SIGNED_IN'
  | 'ACCOUNT_SIGN_IN_FAILED'
  | 'ACCOUNT_TIER_CHANGED'
  | 'KEY_CREATED'
  | 'KEY_DELETED'
  | 'KEY_EXPIRED'
  | 'KEY_RENAMED'
  | 'KEY_REPORTED_LEAKED'
  | 'KEY_RESCOPED'
  | 'KEY_ROLLED';

export type AuthMethod =
  /** x-api-key header */
  | 'API_KEY'
  /** browser session cookie */
  | 'SESSION';

export type CreateApiKeyInput = {
  /** Platform admins: create the key for this account. */
  accountId?: string | number | null | undefined;
  /** Expire at this instant (in the future, at most 366 days ahead). Neither given: never expires. */
  expiresAt?: string | null | undefined;
  /** Expire this many days from now (1 to 366; the page offers 7, 30, 90). */
  expiresInDays?: number | null | undefined;
  name: string;
  /** Defaults to the account's tier ceiling. */
  scope?: Scope | null | undefined;
};

export type CreateWorkflowInput = {
  description?: string | null | undefined;
  /** Slug in your namespace: 1-64 characters of a-z, 0-9 and -. The workflow's id is then `yourhandle/slug`. */
  id: string;
  inputSchema: unknown;
  name: string;
  outputs: unknown;
  steps: unknown;
  /** Defaults to private. */
  visibility?: Visibility | null | undefined;
};

/** How a run was started: with an API key, or by the account's owner in the browser (a signed-in session). */
export type RunActorKind =
  | 'API_KEY'
  | 'BROWSER';

export type RunStatus =
  | 'failed'
  | 'succeeded';

export type Scope =
  /** Run any registry model; create, update, deploy and delete workflows; run own drafts (1000 req/min) */
  | 'admin'
  /** Run deployed workflows (own and public); read workflow schemas (100 req/min) */
  | 'deployment'
  /** Run your own deployed workflows (10 req/min) */
  | 'free';

export type SignInInput = {
  email: string;
  password: string;
};

export type SignUpInput = {
  email: string;
  /** Your namespace: 1-39 characters of a-z, 0-9 and -, starting with a letter or digit. Derived from the email when left out. */
  handle?: string | null | undefined;
  name?: string | null | undefined;
  password: string;
};

export type Tier =
  | 'business'
  | 'enterprise'
  | 'free'
  | 'pro';

export type UpdateWorkflowInput = {
  description?: string | null | undefined;
  inputSchema?: unknown;
  name?: string | null | undefined;
  outputs?: unknown;
  steps?: unknown;
  visibility?: Visibility | null | undefined;
};

export type Visibility =
  | 'private'
  | 'public';

export type WorkflowStatus =
  | 'deployed'
  | 'draft';

export type WorkflowForEditQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkflowForEditQuery = { workflow: { id: string, slug: string, name: string, description: string, visibility: Visibility, status: WorkflowStatus, inputSchema: unknown, steps: unknown, outputs: unknown, updatedAt: string } };

export type SaveWorkflowMutationVariables = Exact<{
  id: string | number;
  input: UpdateWorkflowInput;
}>;


export type SaveWorkflowMutation = { updateWorkflow: { id: string, slug: string, name: string, description: string, visibility: Visibility, status: WorkflowStatus, inputSchema: unknown, steps: unknown, outputs: unknown, updatedAt: string } };

export type KeyUsageListQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type KeyUsageListQuery = { apiKeys: { edges: Array<{ node: { id: string, usage: { hourly: Array<{ start: string, ok: number, scopeDenied: number, rateLimited: number, otherErrors: number }>, daily: Array<{ start: string, ok: number, scopeDenied: number, rateLimited: number, otherErrors: number }> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type KeysPageWorkflowsQueryVariables = Exact<{ [key: string]: never; }>;


export type KeysPageWorkflowsQuery = { workflows: { edges: Array<{ node: { id: string, slug: string, name: string, status: WorkflowStatus, ownerId: string, updatedAt: string, inputSchema: unknown } }> } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { viewer: { authenticatedBy: AuthMethod, account: { id: string, handle: string, email: string, name: string, tier: Tier, scopeCeiling: Scope, allowedScopes: Array<Scope> } } | null, scopes: Array<{ scope: Scope, description: string, requestsPerMinute: number, lowestTier: Tier }> };

export type SignInPageMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInPageMutation = { signIn: { id: string } };

export type SignUpPageMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpPageMutation = { signUp: { id: string } };

export type SignOutPageMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutPageMutation = { signOut: boolean };

export type KeyListQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type KeyListQuery = { apiKeys: { edges: Array<{ node: { id: string, name: string, scope: Scope, start: string, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, graceEndsAt: string | null, previousStart: string | null, lastUsedAddress: string | null, lastUsedUserAgent: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateKeyMutation = { createApiKey: { value: string, apiKey: { id: string, name: string, scope: Scope } } };

export type DeleteKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteKeyMutation = { deleteApiKey: { id: string } };

export type RollKeyMutationVariables = Exact<{
  id: string | number;
  graceSeconds: number;
}>;


export type RollKeyMutation = { rollApiKey: { value: string, apiKey: { id: string, name: string, graceEndsAt: string | null } } };

export type RenameKeyMutationVariables = Exact<{
  id: string | number;
  name: string;
}>;


export type RenameKeyMutation = { renameApiKey: { id: string, name: string } };

export type SecurityLogQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type SecurityLogQuery = { auditEvents: { edges: Array<{ node: { id: string, type: AuditEventType, at: string, keyName: string | null, details: unknown, actor: { kind: AuditActorKind, accountId: string | null, email: string | null, platformAdmin: boolean }, client: { address: string | null, userAgent: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RunHistoryQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  workflowId?: string | number | null | undefined;
}>;


export type RunHistoryQuery = { runs: { edges: Array<{ cursor: string, node: { id: string, status: RunStatus, startedAt: string, durationMs: number, workflowId: string | null, modelId: string | null, inputs: unknown, outputs: unknown, error: string | null, ranBy: { kind: RunActorKind, keyId: string | null, keyName: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WorkflowListQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type WorkflowListQuery = { workflows: { edges: Array<{ node: { id: string, slug: string, name: string, ownerHandle: string, status: WorkflowStatus, visibility: Visibility, lastRunAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WorkflowOverviewQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkflowOverviewQuery = { workflow: { id: string, slug: string, name: string, description: string, ownerHandle: string, status: WorkflowStatus, visibility: Visibility, createdAt: string, updatedAt: string, lastRunAt: string | null, steps: unknown } };

export type WorkflowForRunQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkflowForRunQuery = { workflow: { id: string, slug: string, name: string, status: WorkflowStatus, inputSchema: unknown } };

export type CreateWorkflowPageMutationVariables = Exact<{
  input: CreateWorkflowInput;
}>;


export type CreateWorkflowPageMutation = { createWorkflow: { id: string, slug: string } };

export type DeployWorkflowPageMutationVariables = Exact<{
  id: string | number;
}>;


export type DeployWorkflowPageMutation = { deployWorkflow: { id: string, status: WorkflowStatus } };

export type UndeployWorkflowPageMutationVariables = Exact<{
  id: string | number;
}>;


export type UndeployWorkflowPageMutation = { undeployWorkflow: { id: string, status: WorkflowStatus } };

export type SetWorkflowVisibilityMutationVariables = Exact<{
  id: string | number;
  visibility: Visibility;
}>;


export type SetWorkflowVisibilityMutation = { updateWorkflow: { id: string, visibility: Visibility } };

export type DeleteWorkflowPageMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWorkflowPageMutation = { deleteWorkflow: { id: string } };

export type RunWorkflowPageMutationVariables = Exact<{
  id: string | number;
  inputs: unknown;
}>;


export type RunWorkflowPageMutation = { runWorkflow: { id: string, status: RunStatus, outputs: unknown, error: string | null, durationMs: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const WorkflowForEditDocument = new TypedDocumentString(`
    query WorkflowForEdit($id: ID!) {
  workflow(id: $id) {
    id
    slug
    name
    description
    visibility
    status
    inputSchema
    steps
    outputs
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<WorkflowForEditQuery, WorkflowForEditQueryVariables>;
export const SaveWorkflowDocument = new TypedDocumentString(`
    mutation SaveWorkflow($id: ID!, $input: UpdateWorkflowInput!) {
  updateWorkflow(id: $id, input: $input) {
    id
    slug
    name
    description
    visibility
    status
    inputSchema
    steps
    outputs
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<SaveWorkflowMutation, SaveWorkflowMutationVariables>;
export const KeyUsageListDocument = new TypedDocumentString(`
    query KeyUsageList($first: Int!, $after: String) {
  apiKeys(first: $first, after: $after) {
    edges {
      node {
        id
        usage {
          hourly {
            start
            ok
            scopeDenied
            rateLimited
            otherErrors
          }
          daily {
            start
            ok
            scopeDenied
            rateLimited
            otherErrors
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<KeyUsageListQuery, KeyUsageListQueryVariables>;
export const KeysPageWorkflowsDocument = new TypedDocumentString(`
    query KeysPageWorkflows {
  workflows(first: 100, own: true) {
    edges {
      node {
        id
        slug
        name
        status
        ownerId
        updatedAt
        inputSchema
      }
    }
  }
}
    `) as unknown as TypedDocumentString<KeysPageWorkflowsQuery, KeysPageWorkflowsQueryVariables>;
export const MeDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const SignInPageDocument = new TypedDocumentString(`
    mutation SignInPage($input: SignInInput!) {
  signIn(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<SignInPageMutation, SignInPageMutationVariables>;
export const SignUpPageDocument = new TypedDocumentString(`
    mutation SignUpPage($input: SignUpInput!) {
  signUp(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<SignUpPageMutation, SignUpPageMutationVariables>;
export const SignOutPageDocument = new TypedDocumentString(`
    mutation SignOutPage {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutPageMutation, SignOutPageMutationVariables>;
export const KeyListDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<KeyListQuery, KeyListQueryVariables>;
export const CreateKeyDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<CreateKeyMutation, CreateKeyMutationVariables>;
export const DeleteKeyDocument = new TypedDocumentString(`
    mutation DeleteKey($id: ID!) {
  deleteApiKey(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteKeyMutation, DeleteKeyMutationVariables>;
export const RollKeyDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<RollKeyMutation, RollKeyMutationVariables>;
export const RenameKeyDocument = new TypedDocumentString(`
    mutation RenameKey($id: ID!, $name: String!) {
  renameApiKey(id: $id, name: $name) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<RenameKeyMutation, RenameKeyMutationVariables>;
export const SecurityLogDocument = new TypedDocumentString(`
    query SecurityLog($after: String) {
  auditEvents(first: 20, after: $after) {
    edges {
      node {
        id
        type
        at
        actor {
          kind
          accountId
          email
          platformAdmin
        }
        keyName
        details
        client {
          address
          userAgent
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SecurityLogQuery, SecurityLogQueryVariables>;
export const RunHistoryDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<RunHistoryQuery, RunHistoryQueryVariables>;
export const WorkflowListDocument = new TypedDocumentString(`
    query WorkflowList($first: Int!, $after: String) {
  workflows(first: $first, after: $after, own: true) {
    edges {
      node {
        id
        slug
        name
        ownerHandle
        status
        visibility
        lastRunAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WorkflowListQuery, WorkflowListQueryVariables>;
export const WorkflowOverviewDocument = new TypedDocumentString(`
    query WorkflowOverview($id: ID!) {
  workflow(id: $id) {
    id
    slug
    name
    description
    ownerHandle
    status
    visibility
    createdAt
    updatedAt
    lastRunAt
    steps
  }
}
    `) as unknown as TypedDocumentString<WorkflowOverviewQuery, WorkflowOverviewQueryVariables>;
export const WorkflowForRunDocument = new TypedDocumentString(`
    query WorkflowForRun($id: ID!) {
  workflow(id: $id) {
    id
    slug
    name
    status
    inputSchema
  }
}
    `) as unknown as TypedDocumentString<WorkflowForRunQuery, WorkflowForRunQueryVariables>;
export const CreateWorkflowPageDocument = new TypedDocumentString(`
    mutation CreateWorkflowPage($input: CreateWorkflowInput!) {
  createWorkflow(input: $input) {
    id
    slug
  }
}
    `) as unknown as TypedDocumentString<CreateWorkflowPageMutation, CreateWorkflowPageMutationVariables>;
export const DeployWorkflowPageDocument = new TypedDocumentString(`
    mutation DeployWorkflowPage($id: ID!) {
  deployWorkflow(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DeployWorkflowPageMutation, DeployWorkflowPageMutationVariables>;
export const UndeployWorkflowPageDocument = new TypedDocumentString(`
    mutation UndeployWorkflowPage($id: ID!) {
  undeployWorkflow(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<UndeployWorkflowPageMutation, UndeployWorkflowPageMutationVariables>;
export const SetWorkflowVisibilityDocument = new TypedDocumentString(`
    mutation SetWorkflowVisibility($id: ID!, $visibility: Visibility!) {
  updateWorkflow(id: $id, input: {visibility: $visibility}) {
    id
    visibility
  }
}
    `) as unknown as TypedDocumentString<SetWorkflowVisibilityMutation, SetWorkflowVisibilityMutationVariables>;
export const DeleteWorkflowPageDocument = new TypedDocumentString(`
    mutation DeleteWorkflowPage($id: ID!) {
  deleteWorkflow(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteWorkflowPageMutation, DeleteWorkflowPageMutationVariables>;
export const RunWorkflowPageDocument = new TypedDocumentString(`
    mutation RunWorkflowPage($id: ID!, $inputs: JSON!) {
  runWorkflow(id: $id, inputs: $inputs) {
    id
    status
    outputs
    error
    durationMs
  }
}
    `) as unknown as TypedDocumentString<RunWorkflowPageMutation, RunWorkflowPageMutationVariables>;