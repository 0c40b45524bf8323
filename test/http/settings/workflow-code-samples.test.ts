/**
 * "Call it from code" (src/http/settings/client/workflows/code-samples.ts): the curl is the
 * docs' own, and every sample runs as shown against the real server with a `free` key in
 * $KNOUDS_API_KEY — curl through bash, the JavaScript and GraphQL ones with node, the Python
 * one with python3 (skipped, with the reason printed, where there is none).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeSamples, docsJson, exampleValue } from "../../../src/http/settings/client/workflows/code-samples.js";
import { templateFor } from "../../../src/http/settings/client/workflows/templates.js";
import { createKey, signUp } from "../../support/accounts.js";
import { ROOT } from "../../support/process.js";
import { startServer, type TestServer } from "../../support/server.js";
import { createWorkflow } from "../../support/workflows.js";

const run = promisify(execFile);
const picture = templateFor("picture");

async function python(): Promise<string | null> {
  try {
    await run("python3", ["--version"]);
    return null;
  } catch {
    return "python3 is missing";
  }
}

describe("call it from code", () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startServer();
    const owner = await signUp(server, { tier: "business" });
    await createWorkflow(owner, "my-flow", { definition: picture.definition });
    env = { ...process.env, KNOUDS_API_KEY: (await createKey(owner, "free")).value };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("writes the docs' curl for my-flow, character for character but the host, as docs/workflows.md shows it", () => {
    const [curl] = codeSamples("https://knouds.ai", "my-flow", exampleValue(picture.definition.inputSchema));
    expect(curl!.code).toBe(
      [
        "curl -X POST https://knouds.ai/api/workflows/my-flow/run \\",
        '  -H "x-api-key: $KNOUDS_API_KEY" \\',
        '  -H "Content-Type: application/json" \\',
        `  -d '{"inputs": {"prompt": "a mountain at dusk"}}'`,
      ].join("\n"),
    );
    const [local] = codeSamples("http://127.0.0.1:3000", "my-flow", exampleValue(picture.definition.inputSchema));
    expect(readFileSync(join(ROOT, "docs/workflows.md"), "utf8")).toContain(local!.code);
  });

  it("makes example inputs from the schema: defaults, first choices, minimums, required only", () => {
    expect(
      exampleValue({
        type: "object",
        required: ["a", "b", "c", "d", "e"],
        properties: {
          a: { type: "string", enum: ["x", "y"] },
          b: { type: "integer", minimum: 3 },
          c: { type: "boolean" },
          d: { type: "string", default: "it's" },
          e: { type: "object", properties: { f: { type: "number" } } },
          skipped: { type: "string" },
        },
      }),
    ).toEqual({ a: "x", b: 3, c: false, d: "it's", e: { f: 1 } });
    expect(docsJson({ a: [1, { b: null }], c: "d" })).toBe('{"a": [1, {"b": null}], "c": "d"}');
  });

  it("quotes a single quote for the shell", async () => {
    const [curl] = codeSamples(server.url, "my-flow", { prompt: "it's a mountain" });
    const { stdout } = await run("bash", ["-c", `${curl!.code} --silent`], { env });
    expect(JSON.parse(stdout)).toMatchObject({
      status: "succeeded",
      outputs: { image: expect.stringContaining("<title>it&#39;s a mountain</title>") },
    });
  });

  it("runs every sample as written, with a free key", async () => {
    const samples = codeSamples(server.url, "my-flow", exampleValue(picture.definition.inputSchema));
    const missingPython = await python();
    if (missingPython) console.log(`[workflow-code-samples] the Python sample is not run: ${missingPython}`);
    for (const sample of samples) {
      let stdout: string;
      if (sample.key === "curl")
        stdout = (await run("bash", ["-c", `${sample.code} --silent --write-out ' %{http_code}'`], { env })).stdout;
      else if (sample.key === "python") {
        if (missingPython) continue;
        stdout = (await run("python3", ["-c", sample.code], { env })).stdout;
      } else stdout = (await run(process.execPath, ["--input-type=module", "-e", sample.code], { env, cwd: ROOT })).stdout;
      const where = `${sample.title}:\n${sample.code}\n→ ${stdout.slice(0, 300)}`;
      if (sample.key === "curl") {
        expect(stdout, where).toMatch(/ 200$/);
        expect(JSON.parse(stdout.slice(0, -4)), where).toMatchObject({
          status: "succeeded",
          outputs: { image: expect.stringMatching(/^<svg /) },
        });
      } else {
        expect(stdout, where).toMatch(sample.key === "graphql" ? /^run_\S+ succeeded \{/ : /^200 run_\S+ succeeded /);
        expect(stdout, where).toContain("<title>a mountain at dusk</title>");
      }
    }
  });
});
