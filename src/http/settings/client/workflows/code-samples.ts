/**
 * "Call it from code": the ways to run one workflow with an API key, generated for its address
 * and an example of its inputs. The curl is the docs' own form (docs/keys.md) with this
 * server's origin; every sample reads the key from $KNOUDS_API_KEY, never a key's value.
 */

export interface CodeSample {
  key: "curl" | "javascript" | "python" | "graphql";
  title: string;
  code: string;
}

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What the docs' example sends to a `prompt`: the curl on the keys page then reads exactly as the docs' one. */
const EXAMPLE_PROMPT = "a mountain at dusk";

/** An example value the schema accepts, as far as a guess goes: default, first enum or example, else one of the right type. */
export function exampleValue(schema: unknown, name = ""): unknown {
  if (!isObject(schema)) return {};
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  switch (schema.type) {
    case "string":
      return name === "prompt" ? EXAMPLE_PROMPT : name || "text";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return false;
    case "array":
      return typeof schema.minItems === "number" && schema.minItems > 0 ? [exampleValue(schema.items)] : [];
    default: {
      if (!isObject(schema.properties)) return {};
      const properties = Object.entries(schema.properties);
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const chosen = required.size > 0 ? properties.filter(([key]) => required.has(key)) : properties;
      return Object.fromEntries(chosen.map(([key, property]) => [key, exampleValue(property, key)]));
    }
  }
}

/** JSON as the docs write it: `{"inputs": {"prompt": "a mountain at dusk"}}` (a space after `:` and `,`). */
export function docsJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(docsJson).join(", ")}]`;
  if (isObject(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${docsJson(item)}`)
      .join(", ")}}`;
  return JSON.stringify(value) ?? "null";
}

/** The same value as a Python literal. */
function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(", ")}]`;
  if (isObject(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${pythonLiteral(item)}`)
      .join(", ")}}`;
  return JSON.stringify(value);
}

/** Single-quoted for a POSIX shell. */
function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The samples for a workflow at `address` (a bare slug for the caller's own: `my-flow`) on
 * `origin`, sending `inputs`.
 */
export function codeSamples(origin: string, address: string, inputs: unknown): CodeSample[] {
  const url = `${origin}/api/workflows/${address}/run`;
  const body = docsJson({ inputs });
  return [
    {
      key: "curl",
      title: "curl",
      code: [
        `curl -X POST ${url} \\`,
        `  -H "x-api-key: $KNOUDS_API_KEY" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d ${shellQuoted(body)}`,
      ].join("\n"),
    },
    {
      key: "javascript",
      title: "JavaScript (fetch)",
      code: [
        `const response = await fetch(${JSON.stringify(url)}, {`,
        `  method: "POST",`,
        `  headers: { "x-api-key": process.env.KNOUDS_API_KEY, "Content-Type": "application/json" },`,
        `  body: JSON.stringify(${body}),`,
        `});`,
        `const { runId, status, outputs } = await response.json();`,
        `console.log(response.status, runId, status, outputs);`,
      ].join("\n"),
    },
    {
      key: "python",
      title: "Python (standard library)",
      code: [
        `import json, os, urllib.request`,
        ``,
        `request = urllib.request.Request(`,
        `    ${JSON.stringify(url)},`,
        `    method="POST",`,
        `    headers={"x-api-key": os.environ["KNOUDS_API_KEY"], "Content-Type": "application/json"},`,
        `    data=json.dumps(${pythonLiteral({ inputs })}).encode(),`,
        `)`,
        `with urllib.request.urlopen(request) as response:`,
        `    answer = json.load(response)`,
        `print(response.status, answer["runId"], answer["status"], answer["outputs"])`,
      ].join("\n"),
    },
    {
      key: "graphql",
      title: "GraphQL (graphql-request)",
      code: [
        `import { GraphQLClient, gql } from "graphql-request";`,
        ``,
        `const client = new GraphQLClient(${JSON.stringify(`${origin}/graphql`)}, {`,
        `  headers: { "x-api-key": process.env.KNOUDS_API_KEY },`,
        `});`,
        "const { runWorkflow } = await client.request(",
        "  gql`",
        "    mutation Run($id: ID!, $inputs: JSON!) {",
        "      runWorkflow(id: $id, inputs: $inputs) { id status outputs error }",
        "    }",
        "  `,",
        `  { id: ${JSON.stringify(address)}, inputs: ${docsJson(inputs)} },`,
        ");",
        "console.log(runWorkflow.id, runWorkflow.status, runWorkflow.outputs);",
      ].join("\n"),
    },
  ];
}
