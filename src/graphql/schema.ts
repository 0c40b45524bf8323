import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { lexicographicSortSchema, type GraphQLSchema } from "graphql";
import { builder } from "./builder.js";
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

/** The SDL checked in as schema/schema.graphql, with the auth directives on their fields. */
export function printedSchema(): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
