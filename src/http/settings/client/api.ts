/**
 * The app's only channel to the server: POST /graphql with the session cookie. `gql` returns the
 * answer's data or throws an ApiError with the server's code, message, HTTP status and, for
 * BAD_USER_INPUT, its problems field by field.
 */
import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";

/** One problem with one input field, as BAD_USER_INPUT's `details` name it (`path` "" for the whole input). */
export interface InputProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    /** The GraphQL error's extensions.code (UNAUTHENTICATED, BAD_USER_INPUT, …); undefined when the server was not reached. */
    readonly code: string | undefined,
    /** BAD_USER_INPUT's problems, field by field; empty for other errors. */
    readonly details: readonly InputProblem[] = [],
    /** The HTTP status of the answer; 0 when there was none. */
    readonly status = 0,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; details?: InputProblem[] } }>;
}

function describe(error: NonNullable<GraphQLAnswer<unknown>["errors"]>[number]): string {
  const details = error.extensions?.details;
  if (details && details.length > 0) return details.map((d) => (d.path ? `${d.path} ${d.message}` : d.message)).join("; ");
  if (error.extensions?.code === "RATE_LIMITED") return "Too many attempts. Wait a minute and try again.";
  return error.message;
}

/** A typed document (`graphql(...)` from ./gql/, a TypedDocumentString) or a plain query string. */
export type Document<TData, TVars> = (DocumentTypeDecoration<TData, TVars> & { toString(): string }) | string;

/** The message to show for any failure a request may throw. */
export function errorMessage(failure: unknown): string {
  return failure instanceof ApiError ? failure.message : "Something went wrong. Try again.";
}

export async function gql<TData, TVars = Record<string, unknown>>(document: Document<TData, TVars>, variables?: TVars): Promise<TData> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError("The server cannot be reached. Check your connection and try again.", undefined);
  }
  let answer: GraphQLAnswer<TData>;
  try {
    answer = (await response.json()) as GraphQLAnswer<TData>;
  } catch {
    throw new ApiError(`The server answered ${response.status} without a readable body.`, undefined, [], response.status);
  }
  const first = answer.errors?.[0];
  if (first) throw new ApiError(describe(first), first.extensions?.code, first.extensions?.details ?? [], response.status);
  if (!answer.data) throw new ApiError("The server answered without data.", undefined, [], response.status);
  return answer.data;
}

/** `gql` with the variables required exactly when the document has required variables. */
export function request<TResult, TVariables>(
  document: DocumentTypeDecoration<TResult, TVariables> & { toString(): string },
  // biome-ignore lint/complexity/noBannedTypes: "{} extends TVariables" asks whether every variable is optional (codegen's own idiom)
  ...[variables]: {} extends TVariables ? [TVariables?] : [TVariables]
): Promise<TResult> {
  return gql(document, variables);
}
