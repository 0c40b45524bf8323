import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { lexicographicSortSchema, type GraphQLSchema } from "graphql";
import { builder } from "./builder.js";
import { uncostedFields } from "./cost-declarations.js";
import "./keys.js";
import "./account.js";
import "./runs.js";
import "./models.js";
import "./workflows.js";
import "./scopes.js";
import "./usage.js";
import "./audit.js";
import "./error-codes.js";

export const schema: GraphQLSchema = builder.toSchema();

// A list or JSON field the cost cannot size would be costed as one small item: stop here instead.
const uncosted = uncostedFields(schema);
if (uncosted.length > 0) throw new Error(`Fields the query cost cannot size:\n${uncosted.join("\n")}`);

/** The SDL checked in as schema/schema.graphql, with the auth directives on their fields. */
export function printedSchema(): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
