/**
 * docs/api.md's OpenAPI section runs: for each generator it names, the example project under
 * docs/examples/openapi/ is copied to a temp folder, the section's commands run in it (the
 * generator reads the live server's document, `tsc` type-checks the typed call, `tsx` runs it
 * with a real key) and the call prints the documented answer. The generators are the repo's
 * devDependencies, run from node_modules: nothing is downloaded. Also the docs' claim about
 * keys under /api/: every route of the REST table answers 401 without a key, except the ones
 * marked public, which are exactly the document's operations with `security: []`.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp } from "../support/accounts.js";
import { ROOT } from "../support/process.js";
import { startServer, type TestServer } from "../support/server.js";

const execute = promisify(execFile);
const DOC = readFileSync(join(ROOT, "docs/api.md"), "utf8");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const DOCUMENTED_HOST = "http://127.0.0.1:3000";

/** The text of docs/api.md from `heading` to the next heading of its level or above. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const level = heading.indexOf(" ");
  const next = new RegExp(`\\n#{1,${level}} `, "g");
  next.lastIndex = start + heading.length + 1;
  const end = next.exec(DOC)?.index ?? DOC.length;
  return DOC.slice(start, end);
}

function block(text: string, language: string): string {
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(text);
  expect(match, `a ${language} block`).not.toBeNull();
  return match![1]!;
}

/** The script a package's bin runs (`tsc` is TypeScript's). */
function binOf(command: string): string {
  const name = command === "tsc" ? "typescript" : command;
  const manifest = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
    bin: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === "string" ? manifest.bin : (manifest.bin[basename(command)] ?? Object.values(manifest.bin)[0]!);
  return join(ROOT, "node_modules", name, bin);
}

/** A package named on an `npm install` line, with the version it asks for if any. */
function requested(spec: string): { name: string; version?: string } {
  const at = spec.lastIndexOf("@");
  return at > 0 ? { name: spec.slice(0, at), version: spec.slice(at + 1) } : { name: spec };
}

describe("docs/api.md's OpenAPI section", () => {
  let server: TestServer;
  let key: string;
  // Outside the suite's data folder: the final secret scan would follow the node_modules link.
  // No key is written here (it reaches the example through the environment only).
  const projects = mkdtempSync(join(tmpdir(), "knouds-openapi-clients-"));

  beforeAll(async () => {
    server = await startServer();
    const owner = await signUp(server, { tier: "pro" });
    key = (await createKey(owner, "deployment")).value;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(projects, { recursive: true, force: true });
  });

  /** Follows one generator's commands in a copy of its example project; returns what the last one printed. */
  async function follow(heading: string, example: string): Promise<{ printed: string; expected: string }> {
    const text = section(heading);
    const source = join(ROOT, "docs/examples/openapi", example);
    expect(block(text, "ts"), "the call shown is the example's file").toBe(readFileSync(join(source, "src/run-hello.ts"), "utf8"));
    const project = join(projects, example);
    cpSync(source, project, { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");

    let printed = "";
    let expected = "";
    for (const line of block(text, "sh").trim().split("\n")) {
      const [command, comment] = line.split(/\s+# /);
      const words = command!.trim().split(/\s+/);
      if (words[0] === "npm") {
        expect(words[1], line).toBe("install");
        for (const spec of words.slice(2).filter((word) => !word.startsWith("-"))) {
          const { name, version } = requested(spec);
          expect(PACKAGE.dependencies[name] ?? PACKAGE.devDependencies[name], `${name} is one of the repo's packages`).toBeDefined();
          if (version) {
            const installed = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string };
            expect(`${installed.version}.`.startsWith(`${version}.`), `${name}@${version}, installed ${installed.version}`).toBe(true);
          }
        }
        continue;
      }
      const env: Record<string, string> = { KNOUDS_URL: server.url, NO_COLOR: "1" };
      while (/^[A-Z_]+=/.test(words[0]!)) {
        const [name] = words.shift()!.split("=");
        expect(name, line).toBe("KNOUDS_API_KEY");
        env[name!] = key;
      }
      expect(words[0], line).toBe("npx");
      const args = words.slice(2).map((word) => word.replace(DOCUMENTED_HOST, server.url));
      const result = await execute(process.execPath, [binOf(words[1]!), ...args], {
        cwd: project,
        env: { ...process.env, ...env },
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`${line}\n${error.stdout ?? ""}${error.stderr ?? String(error)}`);
      });
      printed = result.stdout.trim();
      expected = comment?.trim() ?? "";
    }
    return { printed, expected };
  }

  it("openapi-typescript's types with openapi-fetch: generated from the live document, they type-check the run call, which answers", async () => {
    const { printed, expected } = await follow("### openapi-typescript (types) with openapi-fetch (the client)", "openapi-typescript");
    expect(expected).toBe('{"greeting":"Hello, Ada!"}');
    expect(printed).toBe(expected);
  }, 180_000);

  it("@hey-api/openapi-ts's client: generated from the live document, it type-checks the run call, which answers", async () => {
    const { printed, expected } = await follow("### @hey-api/openapi-ts (types and a fetch client)", "hey-api");
    expect(expected).toBe('{"greeting":"Hello, Ada!"}');
    expect(printed).toBe(expected);
  }, 180_000);

  it("is right that every /api/ route answers 401 without a key, except the public ones it lists", async () => {
    const table = section("## REST routes (legacy clients)");
    const routes = table
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => {
        const [, first, needs] = line.split("|");
        return [...first!.matchAll(/`(GET|POST) (\/api\/[^`\s]*)/g)].map((match) => ({
          method: match[1]!,
          path: match[2]!,
          isPublic: needs!.includes("**public**"),
        }));
      });
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const publicRoutes = routes.filter((route) => route.isPublic).map((route) => `${route.method} ${route.path}`);
    expect(publicRoutes.sort()).toEqual(["GET /api/openapi.json", "POST /api/keys/report-leak"]);

    // The paragraph on authentication names exactly these exceptions.
    const paragraph = DOC.slice(DOC.indexOf("Under `/api/` authentication comes first"));
    const exceptions = paragraph.slice(0, paragraph.indexOf("\n\n"));
    expect([...exceptions.matchAll(/`((?:GET|POST) \/api\/[^`]*)`/g)].map((match) => match[1]).sort()).toEqual(publicRoutes);

    // The table and the document list the same operations; the public ones are those with `security: []`.
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`,
        isPublic: operation.security?.length === 0,
      })),
    );
    expect(operations.map((operation) => operation.route).sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    expect(
      operations
        .filter((operation) => operation.isPublic)
        .map((operation) => operation.route)
        .sort(),
    ).toEqual(publicRoutes);

    const values: Record<string, string> = { handle: "knouds", slug: "hello-world", owner: "knouds", name: "echo", id: "run_unknown" };
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => values[name]!);
      for (const sent of [undefined, "knouds_live_malformed"]) {
        const headers: Record<string, string> = route.method === "POST" ? { "content-type": "application/json" } : {};
        if (sent) headers["x-api-key"] = sent;
        const response = await fetch(server.url + path, {
          method: route.method,
          headers,
          body: route.method === "POST" ? "{}" : undefined,
        });
        const body = await response.text();
        const where = `${route.method} ${path} with ${sent ? "a bad key" : "no key"}: ${response.status} ${body}`;
        if (route.isPublic) expect(response.status, where).not.toBe(401);
        else expect([response.status, body], where).toEqual([401, '{"error":"Unauthorized"}']);
      }
    }
    expect((await fetch(`${server.url}/api/openapi.json`, { method: "HEAD" })).status).toBe(200);
    // The public routes are public for their method only.
    for (const [method, path] of [
      ["POST", "/api/openapi.json"],
      ["GET", "/api/keys/report-leak"],
    ] as const) {
      expect((await fetch(server.url + path, { method })).status, `${method} ${path}`).toBe(401);
    }
  });
});
