import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { lexicographicSortSchema, type GraphQLSchema } from "graphql";
import { builder } from "./builder.js";
import { uncostedFields } from "./cost-declarations.js";
import "./types/keys.js";
import "./types/account.js";
import "./types/runs.js";
import "./types/models.js";
import "./types/workflows.js";
import "./types/scopes.js";
import "./types/usage.js";
import "./types/audit.js";
import "./types/error-codes.js";

export const schema: GraphQLSchema = builder.toSchema();

// A list or JSON field the cost cannot size would be costed as one small item: stop here instead.
const uncosted = uncostedFields(schema);
if (uncosted.length > 0) throw new Error(`Fields the query cost cannot size:\n${uncosted.join("\n")}`);

/** The SDL checked in as schema/schema.graphql, with the auth directives on their fields. */
export function printedSchema(): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
