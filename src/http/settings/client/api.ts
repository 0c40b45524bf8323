/** The page's only channel to the server: POST /graphql with the session cookie. */
import type { TypedDocumentString } from "./gql/graphql.js";

/** One problem with one input field, as BAD_USER_INPUT's `details` name it (`path` "" for the whole input). */
export interface InputProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** BAD_USER_INPUT's problems, field by field; empty for other errors. */
    readonly details: readonly InputProblem[] = [],
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

export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  // biome-ignore lint/complexity/noBannedTypes: "{} extends TVariables" asks whether every variable is optional (codegen's own idiom)
  ...[variables]: {} extends TVariables ? [TVariables?] : [TVariables]
): Promise<TResult> {
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
  let answer: GraphQLAnswer<TResult>;
  try {
    answer = (await response.json()) as GraphQLAnswer<TResult>;
  } catch {
    throw new ApiError(`The server answered ${response.status} without a readable body.`, undefined);
  }
  const first = answer.errors?.[0];
  if (first) throw new ApiError(describe(first), first.extensions?.code, first.extensions?.details ?? []);
  if (!answer.data) throw new ApiError("The server answered without data.", undefined);
  return answer.data;
}
