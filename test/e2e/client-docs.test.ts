/**
 * docs/clients.md runs: each code block there is a file under docs/examples included verbatim
 * (the three client setups are driven against the real server by graphql-clients.test.ts); the
 * guide's "typed client from an empty folder" is followed command for command — its shell
 * blocks read from the guide itself, npm installing from npm's cache — then the project it
 * builds generates its types from the live server, compiles, and its typed call runs with a
 * real key and prints the answer the guide shows; the CORS line lets the dev origin in.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp } from "../support/accounts.js";
import { ROOT } from "../support/process.js";
import { startServer, tempDataDir, type TestServer } from "../support/server.js";

const run = promisify(execFile);
const DOC = readFileSync(join(ROOT, "docs/clients.md"), "utf8");
const PROJECT = "docs/examples/client-project";
/** The files the guide tells a newcomer to add, in the order it shows them. */
const PROJECT_FILES = ["codegen.ts", "tsconfig.json", "src/hello.ts", "src/main.ts"];
const INCLUDED = [
  "docs/examples/apollo-client.ts",
  "docs/examples/urql.ts",
  "docs/examples/graphql-request.ts",
  ...PROJECT_FILES.map((file) => `${PROJECT}/${file}`),
];

/** The guide's section on a typed client from an empty folder, and its shell blocks in order. */
function emptyFolderGuide(): { setup: string; build: string } {
  const start = DOC.indexOf("## A typed client from an empty folder");
  const end = DOC.indexOf("\n## ", start + 1);
  const section = DOC.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  expect(start, "the guide has the section").toBeGreaterThan(-1);
  expect(blocks).toHaveLength(2);
  return { setup: blocks[0]!, build: blocks[1]! };
}

/** Runs a guide's shell block as written, stopping at the first failing command. */
async function shell(block: string, cwd: string, env: Record<string, string>) {
  return run("bash", ["-e", "-c", block], { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
}

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
      const fence = file.endsWith(".json") ? "json" : "ts";
      expect(DOC, file).toContain(`\`\`\`${fence}\n${readFileSync(join(ROOT, file), "utf8")}\`\`\``);
    }
  });

  it("pins, for each package the guide installs, the version this repository installs", () => {
    const { setup } = emptyFolderGuide();
    const pinned = [...setup.matchAll(/(@?[a-z][\w./-]*)@(\d+\.\d+\.\d+)/g)];
    expect(pinned.map(([, name]) => name)).toEqual([
      "graphql",
      "graphql-request",
      "typescript",
      "@types/node",
      "@graphql-codegen/cli",
      "@graphql-codegen/client-preset",
    ]);
    for (const [, name, version] of pinned) {
      const installed = JSON.parse(readFileSync(join(ROOT, "node_modules", name!, "package.json"), "utf8")) as { version: string };
      expect(`${name}@${version}`).toBe(`${name}@${installed.version}`);
    }
  });

  it("takes a newcomer from an empty folder to a typed call that runs", async () => {
    const { setup, build } = emptyFolderGuide();
    const folder = tempDataDir();
    // The guide's commands as written; npm answers from its cache (no network in tests).
    await shell(setup, folder, { npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false" });
    const project = join(folder, "knouds-client");
    expect(JSON.parse(readFileSync(join(project, "package.json"), "utf8"))).toMatchObject({ type: "module" });
    for (const file of PROJECT_FILES) {
      mkdirSync(dirname(join(project, file)), { recursive: true });
      copyFileSync(join(ROOT, PROJECT, file), join(project, file));
    }

    // The example workflow belongs to another account: a deployment key runs it.
    const owner = await signUp(server, { tier: "pro" });
    const { value } = await createKey(owner, "deployment");
    const shown = /^# (.+)$/m.exec(build)?.[1];
    const { stdout } = await shell(build, project, { KNOUDS_GRAPHQL_URL: `${server.url}/graphql`, KNOUDS_API_KEY: value });
    expect(readFileSync(join(project, "src/gql/index.ts"), "utf8")).toContain('from "./gql.js"');
    expect(shown).toBe('succeeded {"greeting":"Hello, Ada!"}');
    expect(stdout.trim().split("\n").at(-1)).toBe(shown);
  }, 300_000);

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
