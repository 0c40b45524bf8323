import { writeFileSync } from "node:fs";
import { printedSchema } from "./schema.js";

writeFileSync(new URL("../../schema/schema.graphql", import.meta.url), printedSchema());
console.log("wrote schema/schema.graphql");
