import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { builder } from "./builder.js";
import "./keys.js";
import "./account.js";
import "./runs.js";
import "./models.js";
import "./workflows.js";
import "./scopes.js";
import "./usage.js";
import "./audit.js";

export const schema: GraphQLSchema = builder.toSchema();

/** The SDL checked in as schema/schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
