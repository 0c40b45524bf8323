/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuthMethod =
  /** x-api-key header */
  | 'API_KEY'
  /** browser session cookie */
  | 'SESSION';

export type CreateApiKeyInput = {
  /** Platform admins: create the key for this account. */
  accountId?: string | number | null | undefined;
  name: string;
  /** Defaults to the account's tier ceiling. */
  scope?: Scope | null | undefined;
};

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

export type KeyListQueryVariables = Exact<{ [key: string]: never; }>;


export type KeyListQuery = { apiKeys: Array<{ id: string, name: string, scope: Scope, start: string, createdAt: string, lastUsedAt: string | null }> };

export type CreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateKeyMutation = { createApiKey: { value: string, apiKey: { id: string, name: string, scope: Scope } } };

export type DeleteKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteKeyMutation = { deleteApiKey: { id: string } };

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