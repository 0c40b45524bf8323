/**
 * docs/clients.md runs: each code block there is a file under
 * docs/examples included verbatim (the three client setups are driven against the real
 * server by graphql-clients.test.ts); the codegen settings generate typed documents for a
 * NodeNext client project from the live server, and that project passes `tsc`; the CORS line
 * lets the dev origin in.
 */
import { execFile } from "node:child_process";
import { cpSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/process.js";
import { startServer, tempDataDir, type TestServer } from "../support/server.js";

const run = promisify(execFile);
const DOC = readFileSync(join(ROOT, "docs/clients.md"), "utf8");
const INCLUDED = [
  "docs/examples/apollo-client.ts",
  "docs/examples/urql.ts",
  "docs/examples/graphql-request.ts",
  "docs/examples/client-project/codegen.ts",
  "docs/examples/client-project/src/hello.ts",
];

describe("docs/clients.md", () => {
  let server: TestServer;
  const corsLine = /^(KNOUDS_CORS_ORIGINS=(\S+)) npm start$/m.exec(DOC);

  beforeAll(async () => {
    server = await startServer({ env: corsLine ? { KNOUDS_CORS_ORIGINS: corsLine[2]! } : {} });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("shows each example file verbatim", () => {
    expect(DOC.length).toBeGreaterThan(500);
    for (const file of INCLUDED) {
      expect(DOC, file).toContain(`\`\`\`ts\n${readFileSync(join(ROOT, file), "utf8")}\`\`\``);
    }
  });

  it("gives codegen settings whose output compiles in a NodeNext client project", async () => {
    const project = join(tempDataDir(), "client-project");
    cpSync(join(ROOT, "docs/examples/client-project"), project, { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
    const env = { ...process.env, KNOUDS_GRAPHQL_URL: `${server.url}/graphql` };
    await run(process.execPath, [join(ROOT, "node_modules/@graphql-codegen/cli/cjs/bin.js"), "--config", "codegen.ts"], {
      cwd: project,
      env,
    });
    expect(readFileSync(join(project, "src/gql/index.ts"), "utf8")).toContain('from "./gql.js"');
    const compiled = await run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: project,
    }).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(compiled).toBe("");
  });

  it("lets the dev origin of the CORS line call the API with x-api-key", async () => {
    expect(corsLine?.[2]).toBe("http://localhost:5173");
    const response = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-api-key, content-type",
      },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-api-key");
  });

  it("says there are no subscriptions yet and that a key never goes to a browser", () => {
    expect(DOC).toMatch(/no subscriptions/i);
    expect(DOC).toMatch(/never ship a key to a browser/i);
  });
});
