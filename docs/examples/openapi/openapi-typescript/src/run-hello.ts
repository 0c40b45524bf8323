import createClient from "openapi-fetch";
import type { paths } from "./knouds-api.js";

const key = process.env.KNOUDS_API_KEY;
if (!key) throw new Error("Set KNOUDS_API_KEY to a deployment or admin key");

const client = createClient<paths>({
  baseUrl: process.env.KNOUDS_URL ?? "http://127.0.0.1:3000",
  headers: { "x-api-key": key },
});

// Path, parameters, body and answer are all typed from the document.
const { data, error, response } = await client.POST("/api/workflows/{handle}/{slug}/run", {
  params: { path: { handle: "knouds", slug: "hello-world" } },
  body: { inputs: { name: "Ada" } },
});
if (error) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
if (data.status === "failed") throw new Error(`run ${data.runId} failed: ${data.error}`);
console.log(JSON.stringify(data.outputs));
