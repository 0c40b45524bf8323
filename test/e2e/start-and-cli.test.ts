import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp } from "../support/accounts.js";
import { Client } from "../support/client.js";
import { SignIn, Viewer } from "../support/operations.js";
import { ROOT, run, startProcess, type RunningProcess } from "../support/process.js";
import { startServer, tempDataDir } from "../support/server.js";

describe("npm start (the built server as a process)", () => {
  let server: RunningProcess;
  beforeAll(async () => {
    const build = await run("npm", ["run", "build"]);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    // esbuild is a build tool: the built server must start and serve without it installed.
    server = await startProcess(["--import", "./test/support/without-esbuild.mjs", "dist/src/main.js"], { KNOUDS_DATA_DIR: tempDataDir() });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves GraphiQL at /graphql to a browser", async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    expect(html).toContain("Knouds API playground");
  });

  it("serves the playground's assets itself, gzipped, and 404 for any other name", async () => {
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } })).text();
    const base = /src="(\/playground\/[^/"]+)\/graphiql\.js"/.exec(html)?.[1];
    expect(base).toBeDefined();
    const script = await fetch(`${server.url}${base}/graphiql.js`, { headers: { "accept-encoding": "gzip" } });
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(script.headers.get("content-encoding")).toBe("gzip");
    expect(script.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect((await script.text()).length).toBeGreaterThan(1_000_000);
    const refused = await fetch(`${server.url}${base}/init.js`, { headers: { "accept-encoding": "gzip;q=0, identity" } });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toContain("renderYogaGraphiQL");
    for (const name of ["constructor", "__proto__", "toString", "nothing.js"]) {
      const missing = await fetch(`${server.url}${base}/${name}`);
      expect(missing.status, name).toBe(404);
      expect(await missing.text()).toBe('{"error":"Not Found"}');
    }
  });

  it("serves the web app that npm run build bundled (entry and chunks), without esbuild at run time", async () => {
    const page = await fetch(`${server.url}/settings/api-keys`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/assets/settings.js">');
    // The entry and every chunk it reaches (statically or as a page loaded later), as the browser
    // fetches them. What each file imports comes from esbuild's metafile (the build's own record),
    // not from scanning the code: the "Call it from code" page holds sample code whose text says
    // `import … from "graphql-request"`.
    const meta = JSON.parse(readFileSync(join(ROOT, "dist/settings/meta.json"), "utf8")) as {
      outputs: Record<string, { imports?: { path: string; kind: string; external?: boolean }[] }>;
    };
    const imports = new Map(Object.entries(meta.outputs).map(([path, output]) => [path.split("/").pop()!, output.imports ?? []]));
    const seen = new Map<string, string>();
    const pending = ["settings.js"];
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (seen.has(name)) continue;
      const script = await fetch(`${server.url}/assets/${name}`);
      expect(script.status, name).toBe(200);
      expect(script.headers.get("content-type"), name).toMatch(/^text\/javascript/);
      expect(script.headers.get("content-security-policy"), name).toContain("script-src 'self'");
      const code = await script.text();
      expect(code, name).toBe(readFileSync(join(ROOT, "dist/settings", name), "utf8"));
      seen.set(name, code);
      // The bundle, not TypeScript: every import is one of its own chunks, none a package to resolve.
      expect(imports.has(name), `${name} is in the build's metafile`).toBe(true);
      for (const imported of imports.get(name)!) {
        expect(imported.external, `${name} imports ${imported.path}`).not.toBe(true);
        const file = imported.path.split("/").pop()!;
        expect(file, `${name} imports ${imported.path}`).toMatch(/^chunk-[A-Z0-9]+\.js$/);
        expect(code, `${name} names ${file}`).toContain(`./${file}`);
        pending.push(file);
      }
    }
    expect(seen.size).toBeGreaterThan(2);
    expect([...seen.values()].some((code) => code.includes("/graphql"))).toBe(true);
    const stylesheet = await fetch(`${server.url}/assets/settings.css`);
    expect(stylesheet.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await stylesheet.text()).toBe(readFileSync(join(ROOT, "dist/settings/settings.css"), "utf8"));
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(await icon.text()).toContain("<svg");
  });

  it("answers GraphQL on /graphql", async () => {
    const viewer = await new Client(server.url).graphql(Viewer);
    expect(viewer.status).toBe(200);
    expect(viewer.data).toEqual({ viewer: null });
  });

  it("creates its SQLite file and secret on first start", async () => {
    const health = await fetch(`${server.url}/readyz`);
    expect(await health.json()).toMatchObject({ status: "ready", store: "sqlite" });
  });
});

describe("npm run cli (the built CLI)", () => {
  it("runs dist/src/cli.js, built when src/ changed, with no compiler at run time", async () => {
    // tsx compiles through esbuild on every call; with esbuild unloadable only the built CLI runs.
    const result = await run("npm", ["run", "--silent", "cli", "--", "check-key", "knouds_live_abc"], {
      NODE_OPTIONS: `--import ${join(ROOT, "test/support/without-esbuild.mjs")}`,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("not a well-formed Knouds key: it is 15 characters long, not 50\n");
    expect(result.code).toBe(1);
  });
});

describe("configuration", () => {
  it("stops with exit code 2 and names every bad variable", async () => {
    const result = await run(process.execPath, ["--import", "tsx", "src/main.ts"], {
      PORT: "not-a-port",
      KNOUDS_SECRET: "short",
      KNOUDS_TRUST_PROXY: "10.0.0.0/8, banana",
      KNOUDS_SQLITE_SYNCHRONOUS: "sometimes",
      KNOUDS_DATA_DIR: tempDataDir(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid configuration");
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).toContain("KNOUDS_SECRET must be at least 32 characters");
    expect(result.stderr).toContain("KNOUDS_SQLITE_SYNCHRONOUS");
    expect(result.stderr).toContain("KNOUDS_TRUST_PROXY: must be false, true, a hop count, or proxy addresses/CIDR ranges (not: banana)");
  });
});

describe("the operator CLI", () => {
  it("creates the first platform admin, who can then sign in", async () => {
    const dataDir = tempDataDir();
    const email = `root-${Date.now()}@example.com`;
    const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { KNOUDS_DATA_DIR: dataDir });
    const created = await cli("create-account", "--email", email, "--password", "a long password", "--platform-admin");
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email, tier: "free", isPlatformAdmin: true });
    expect(created.stdout).not.toContain("password");

    const tier = await cli("set-tier", "--email", email, "--tier", "enterprise");
    expect(tier.code, tier.stderr).toBe(0);
    const badTier = await cli("set-tier", "--email", email, "--tier", "platinum");
    expect(badTier.code).toBe(2);
    expect(badTier.stderr).toBe('--tier: must be one of free, pro, business, enterprise (not "platinum")\n');

    const server = await startServer({ dataDir });
    try {
      const client = new Client(server.url);
      await client.graphql(SignIn, { input: { email, password: "a long password" } });
      const viewer = await client.graphql(Viewer);
      expect(viewer.data?.viewer?.account).toMatchObject({ email, tier: "enterprise", isPlatformAdmin: true });
    } finally {
      await server.stop();
    }
  });

  it("names the command that exists in its usage: npm run cli --, or node dist/src/cli.js when deployed", async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { KNOUDS_DATA_DIR: tempDataDir() });
    const bare = await cli();
    expect(bare.code).toBe(2);
    const help = await cli("help");
    expect(help.code, help.stderr).toBe(0);
    for (const usage of [bare.stderr, help.stdout]) {
      expect(usage).toMatch(/^usage: npm run cli -- COMMAND/);
      expect(usage).toContain("node dist/src/cli.js COMMAND");
      expect(usage).toContain(`| npm run cli -- create-account --email EMAIL --password-stdin`);
      expect(usage).not.toMatch(/\bknouds (create|set|grant|audit|backup|restore|check)/);
    }
  });

  it("says what is wrong in sentences, one line per problem, never as JSON", async () => {
    const dataDir = tempDataDir();
    const email = `taken-${Date.now()}@example.com`;
    const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { KNOUDS_DATA_DIR: dataDir });
    expect((await cli("create-account", "--email", email)).code).toBe(0);

    const duplicate = await cli("create-account", "--email", email);
    expect(duplicate.code).toBe(2);
    // Without a terminal or --password-stdin the CLI first notes that the account gets no password.
    expect(duplicate.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("no password given"))).toEqual([
      "An account with this email already exists.",
    ]);

    const invalid = await cli("create-account", "--email", "not-an-email", "--handle", "-bad-", "--password", "short");
    expect(invalid.code).toBe(2);
    const lines = invalid.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("warning: --password"));
    expect(lines).toEqual([
      "--email: must be an email address",
      "the password: must be at least 8 characters",
      expect.stringMatching(/^--handle: must be /),
    ]);
    for (const output of [duplicate.stderr, invalid.stderr]) expect(output).not.toMatch(/[{}[\]]|BAD_USER_INPUT|CONFLICT/);
  });

  it("suggests the nearest option or command for a misspelt one", async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { KNOUDS_DATA_DIR: tempDataDir() });
    const option = await cli("create-account", "--emial", "a@example.com");
    expect(option.code).toBe(2);
    expect(option.stderr.split("\n")[0]).toBe("unknown option --emial; did you mean --email?");
    expect(option.stderr).toContain("usage: npm run cli -- create-account --email EMAIL");
    const command = await cli("set-teir", "--email", "a@example.com", "--tier", "pro");
    expect(command.code).toBe(2);
    expect(command.stderr.split("\n")[0]).toBe("unknown command set-teir; did you mean set-tier?");
  });

  it("lowers a tier that a running server (no Redis) enforces on its next request", async () => {
    const dataDir = tempDataDir();
    const server = await startServer({ dataDir });
    try {
      const owner = await signUp(server, { tier: "business" });
      const { value } = await createKey(owner, "admin");
      const viewer = new Client(server.url, value);
      expect((await viewer.graphql(Viewer)).data?.viewer?.effectiveScope).toBe("admin");

      const lowered = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "set-tier", "--email", owner.email, "--tier", "pro"], {
        KNOUDS_DATA_DIR: dataDir,
      });
      expect(lowered.code, lowered.stderr).toBe(0);
      expect((await viewer.graphql(Viewer)).data?.viewer?.effectiveScope).toBe("deployment");
    } finally {
      await server.stop();
    }
  });
});
