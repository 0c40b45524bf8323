import { client } from "./knouds-api/client.gen.js";
import { runWorkflowByAddress } from "./knouds-api/index.js";

const key = process.env.KNOUDS_API_KEY;
if (!key) throw new Error("Set KNOUDS_API_KEY to a deployment or admin key");

// `auth` goes in the x-api-key header: the document's security scheme names it.
client.setConfig({ baseUrl: process.env.KNOUDS_URL ?? "http://127.0.0.1:3000", auth: key });

// Path, body and answer are all typed from the document.
const { data, error, response } = await runWorkflowByAddress({
  path: { handle: "knouds", slug: "hello-world" },
  body: { inputs: { name: "Ada" } },
});
if (error || !data) throw new Error(`${response?.status}: ${JSON.stringify(error)}`);
if (data.status === "failed") throw new Error(`run ${data.runId} failed: ${data.error}`);
console.log(JSON.stringify(data.outputs));
