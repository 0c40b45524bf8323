/**
 * The one module that owns error shapes. REST turns a KnoudsError into a status and an
 * exact JSON body; GraphQL turns it into `errors[].extensions`. Nothing else builds them.
 */
import type { Scope } from "./scopes.js";

export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "SCOPE_DENIED",
  "SCOPE_ABOVE_CEILING",
  "FORBIDDEN",
  "RATE_LIMITED",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  /** The instance is shutting down; the client should retry (elsewhere). */
  "UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface InputProblem {
  /** JSON pointer-ish path of the offending value, "" for the whole input. */
  path: string;
  message: string;
}

interface ErrorFacts {
  required?: Scope;
  actual?: Scope;
  requested?: Scope;
  ceiling?: Scope;
  limit?: number;
  retryAfter?: number;
  /** RATE_LIMITED by the account-wide budget (docs/limits.md#account-budget) rather than the key's own. */
  budget?: "account";
  details?: InputProblem[];
}

export class KnoudsError extends Error {
  readonly code: ErrorCode;
  readonly facts: ErrorFacts;

  constructor(code: ErrorCode, message: string, facts: ErrorFacts = {}) {
    // A refusal is an answer, not a fault: no stack trace, whose capture costs more than the
    // rest of a 401. INTERNAL errors keep theirs for the log.
    const stackTraceLimit = Error.stackTraceLimit;
    if (code !== "INTERNAL") Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = "KnoudsError";
    this.code = code;
    this.facts = facts;
  }

  static unauthenticated(): KnoudsError {
    return new KnoudsError("UNAUTHENTICATED", "Unauthorized");
  }

  static scopeDenied(required: Scope, actual: Scope): KnoudsError {
    return new KnoudsError("SCOPE_DENIED", "Insufficient scope", { required, actual });
  }

  /** A user asked for a key scope above their tier's ceiling. */
  static scopeAboveCeiling(requested: Scope, ceiling: Scope): KnoudsError {
    return new KnoudsError("SCOPE_ABOVE_CEILING", `Scope "${requested}" is above your plan's ceiling "${ceiling}"`, { requested, ceiling });
  }

  static forbidden(message: string): KnoudsError {
    return new KnoudsError("FORBIDDEN", message);
  }

  /** `budget: "account"` when the account-wide budget ran out; absent for every other limit. */
  static rateLimited(limit: number, retryAfter: number, budget?: "account"): KnoudsError {
    return new KnoudsError("RATE_LIMITED", "Too Many Requests", budget ? { limit, retryAfter, budget } : { limit, retryAfter });
  }

  static notFound(): KnoudsError {
    return new KnoudsError("NOT_FOUND", "Not Found");
  }

  static invalidInput(details: InputProblem[], message = "Bad Request"): KnoudsError {
    return new KnoudsError("BAD_USER_INPUT", message, { details });
  }

  static conflict(message: string): KnoudsError {
    return new KnoudsError("CONFLICT", message);
  }

  static payloadTooLarge(): KnoudsError {
    return new KnoudsError("PAYLOAD_TOO_LARGE", "Payload Too Large");
  }

  static unavailable(): KnoudsError {
    return new KnoudsError("UNAVAILABLE", "Service Unavailable");
  }

  /** Too much password hashing waiting on this instance: try again after `retryAfter` seconds. */
  static hashingBusy(retryAfter: number): KnoudsError {
    return new KnoudsError("UNAVAILABLE", "Too many sign-ins in progress; try again shortly", { retryAfter });
  }

  static internal(): KnoudsError {
    return new KnoudsError("INTERNAL", "Internal Server Error");
  }
}

export interface RestError {
  status: number;
  body: Record<string, unknown>;
}

/** The exact REST status and body for any thrown value; unknown errors become a bare 500. */
export function toRestError(error: unknown): RestError {
  if (!(error instanceof KnoudsError)) {
    return { status: 500, body: { error: "Internal Server Error" } };
  }
  const { facts } = error;
  switch (error.code) {
    case "UNAUTHENTICATED":
      return { status: 401, body: { error: "Unauthorized" } };
    case "SCOPE_DENIED":
      return {
        status: 403,
        body: { error: "Insufficient scope", code: "SCOPE_DENIED", required: facts.required, actual: facts.actual },
      };
    case "SCOPE_ABOVE_CEILING":
      return {
        status: 403,
        body: {
          error: "Scope above tier ceiling",
          code: "SCOPE_ABOVE_CEILING",
          requested: facts.requested,
          ceiling: facts.ceiling,
        },
      };
    case "FORBIDDEN":
      return { status: 403, body: { error: "Forbidden", code: "FORBIDDEN", message: error.message } };
    case "RATE_LIMITED":
      return {
        status: 429,
        body: {
          error: "Too Many Requests",
          code: "RATE_LIMITED",
          limit: facts.limit,
          retryAfter: facts.retryAfter,
          ...(facts.budget ? { budget: facts.budget } : {}),
        },
      };
    case "NOT_FOUND":
      return { status: 404, body: { error: "Not Found" } };
    case "BAD_USER_INPUT":
      return { status: 400, body: { error: "Bad Request", code: "INVALID_INPUT", details: facts.details ?? [] } };
    case "CONFLICT":
      return { status: 409, body: { error: "Conflict", code: "CONFLICT", message: error.message } };
    case "PAYLOAD_TOO_LARGE":
      return { status: 413, body: { error: "Payload Too Large" } };
    // docs/api.md#rest-errors gives every 5xx one body.
    case "UNAVAILABLE":
      return { status: 503, body: { error: "Internal Server Error" } };
    case "INTERNAL":
      return { status: 500, body: { error: "Internal Server Error" } };
  }
}

/**
 * Every `extensions.code` a GraphQL answer can carry — the SDL's `ErrorCode` enum — with what it
 * means and the REST answer for the same problem. The last four come from graphql-yoga and
 * graphql-js before our code runs (errors that have none get BAD_USER_INPUT in yoga.ts).
 */
export const GRAPHQL_ERROR_CODES = {
  UNAUTHENTICATED: "No valid credentials: x-api-key absent, malformed, unknown or deleted, or a session is needed. REST: 401.",
  SCOPE_DENIED: "The key's effective scope is below `required` (extensions: required, actual). REST: 403 SCOPE_DENIED.",
  SCOPE_ABOVE_CEILING:
    "A key scope above the plan's ceiling was asked for (extensions: requested, ceiling). REST: 403 SCOPE_ABOVE_CEILING.",
  FORBIDDEN: "Signed in, but only a platform administrator may do this. REST: 403 FORBIDDEN.",
  RATE_LIMITED: "The key's budget for this minute is spent (extensions: limit, retryAfter seconds). REST: 429 RATE_LIMITED.",
  NOT_FOUND: "No such thing, or not yours to see. REST: 404.",
  BAD_USER_INPUT:
    "Arguments, variables or the body failed validation (extensions: details[{path, message}]). REST: 400 INVALID_INPUT, the same problem.",
  CONFLICT: "It already exists (an email, a workflow id). REST: 409 CONFLICT.",
  PAYLOAD_TOO_LARGE: "The body or the document is over the size limit. REST: 413.",
  SERVICE_UNAVAILABLE:
    "The instance is shutting down, or has too many password checks waiting (extensions: retryAfter seconds): retry. REST: 503.",
  INTERNAL_SERVER_ERROR: "A fault on the server; the message never says more. REST: 500.",
  GRAPHQL_PARSE_FAILED: "The document is not GraphQL, or is over a document limit (depth, aliases, directives, tokens, cost).",
  GRAPHQL_VALIDATION_FAILED: "The document does not fit the schema.",
  OPERATION_RESOLUTION_FAILURE: "Which operation to run is unclear: operationName missing or unknown.",
  BAD_REQUEST: "The HTTP request is not a GraphQL request: query missing or not a string, variables not an object, a mutation over GET.",
} as const;

export type GraphQLErrorCode = keyof typeof GRAPHQL_ERROR_CODES;

/** Each KnoudsError code's name in GraphQL (docs/api.md#error-codes-rest-and-graphql names the 5xx ones differently from REST). */
const GRAPHQL_CODE: Readonly<Record<ErrorCode, GraphQLErrorCode>> = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  SCOPE_DENIED: "SCOPE_DENIED",
  SCOPE_ABOVE_CEILING: "SCOPE_ABOVE_CEILING",
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "RATE_LIMITED",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export interface GraphQLErrorShape {
  message: string;
  extensions: Record<string, unknown> & { code: GraphQLErrorCode };
}

/** The GraphQL message and `extensions` for any thrown value; unknown errors are masked. */
export function toGraphQLError(error: unknown): GraphQLErrorShape {
  if (!(error instanceof KnoudsError)) {
    return { message: "Internal Server Error", extensions: { code: GRAPHQL_CODE.INTERNAL } };
  }
  const { facts } = error;
  const extensions: GraphQLErrorShape["extensions"] = { code: GRAPHQL_CODE[error.code] };
  switch (error.code) {
    case "SCOPE_DENIED":
      extensions.required = facts.required;
      extensions.actual = facts.actual;
      break;
    case "SCOPE_ABOVE_CEILING":
      extensions.requested = facts.requested;
      extensions.ceiling = facts.ceiling;
      break;
    case "RATE_LIMITED":
      extensions.limit = facts.limit;
      extensions.retryAfter = facts.retryAfter;
      if (facts.budget) extensions.budget = facts.budget;
      break;
    case "BAD_USER_INPUT":
      extensions.details = facts.details ?? [];
      break;
    case "UNAVAILABLE":
      if (facts.retryAfter !== undefined) extensions.retryAfter = facts.retryAfter;
      break;
    default:
      break;
  }
  return { message: error.message, extensions };
}
