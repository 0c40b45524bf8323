import { GraphQLClient } from "graphql-request";
import { runHelloWorld } from "./hello.js";

// Run this on your backend: the key stays on the server (never ship it to a browser).
const apiKey = process.env.KNOUDS_API_KEY;
if (!apiKey) throw new Error("Set KNOUDS_API_KEY to a deployment or admin key");
const client = new GraphQLClient(process.env.KNOUDS_GRAPHQL_URL ?? "http://127.0.0.1:3000/graphql", {
  headers: { "x-api-key": apiKey },
});

// Top-level await: this is why package.json needs "type": "module".
const { status, outputs } = await runHelloWorld(client, "Ada");
console.log(status, JSON.stringify(outputs));
