import { GRAPHQL_ERROR_CODES, type GraphQLErrorCode } from "../../domain/errors.js";
import { builder } from "../builder.js";

/** `extensions.code` typed for clients: the enum is the list in domain/errors.ts, nothing added here. */
builder.enumType("ErrorCode", {
  description:
    "Every `extensions.code` an error from this server can carry. Not a field's type: compare `errors[].extensions.code` against these names.",
  values: Object.fromEntries(Object.entries(GRAPHQL_ERROR_CODES).map(([code, description]) => [code, { description }])) as Record<
    GraphQLErrorCode,
    { description: string }
  >,
});
