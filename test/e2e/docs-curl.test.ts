/**
 * Every `curl` command the README and docs/*.md show against http://127.0.0.1:3000 is run as
 * written against the real server — pointed at the test server's address, with
 * `$KNOUDS_API_KEY` (a deployment key), `$ADMIN_KEY` (an admin key of the same account) and
 * `$KEY` (a free one) set to real keys, and each block's cookie jar in a folder of its own. A
 * placeholder the reader fills in (`key_...`, `knouds_live_...`) gets a real key of the
 * signed-in account. Each answer must be a success (HTTP 2xx, GraphQL without `errors`), and
 * an answer the docs show in a comment right under the command must match it (`…` stands for
 * anything), status included.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, signUp } from "../support/accounts.js";
import { ROOT } from "../support/process.js";
import { startServer, tempDataDir, type TestServer } from "../support/server.js";

const run = promisify(execFile);
const DOCUMENTED_HOST = "http://127.0.0.1:3000";

interface Command {
  /** The command as the docs show it. */
  text: string;
  /** The answer shown in a comment right under it, if any: `# 202 {"received":true}`. */
  shown?: { status?: number; body: string };
}

/** The curl commands to the documented host in a markdown file's `sh` blocks, block by block. */
function curlBlocks(markdown: string): Command[][] {
  const blocks = [...markdown.matchAll(/^( *)```sh\n([\s\S]*?)^ *```$/gm)].map(([, indent, body]) =>
    body!.split("\n").map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line)),
  );
  return blocks
    .map((lines) => {
      const commands: Command[] = [];
      for (let i = 0; i < lines.length; i++) {
        if (!/^curl /.test(lines[i]!)) continue;
        let text = lines[i]!;
        // A command goes on while a line ends in `\` or a single-quoted string is open.
        while ((text.endsWith("\\") || (text.match(/'/g)?.length ?? 0) % 2 === 1) && i + 1 < lines.length) text += `\n${lines[++i]}`;
        const answer = /^# (?:(\d{3}) )?([{[].*)$/.exec(lines[i + 1] ?? "");
        commands.push({ text, shown: answer ? { status: answer[1] ? Number(answer[1]) : undefined, body: answer[2]! } : undefined });
      }
      return commands.filter((command) => command.text.includes(DOCUMENTED_HOST));
    })
    .filter((commands) => commands.length > 0);
}

/** README first, then workflows.md (it makes the `my-flow` the other pages run), then the rest. */
const FILES = [
  "README.md",
  "docs/workflows.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md") && name !== "workflows.md")
    .sort()
    .map((name) => `docs/${name}`),
].filter((file) => curlBlocks(readFileSync(join(ROOT, file), "utf8")).length > 0);

/** `…` in a shown answer stands for anything within the value. */
function shownPattern(body: string): RegExp {
  const escaped = body.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/…/g, '[^"]*');
  return new RegExp(`^${escaped}$`);
}

describe("curl commands in the README and docs run against the server", () => {
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startServer();
    const owner = await signUp(server, { tier: "business" });
    env = {
      KNOUDS_API_KEY: (await createKey(owner, "deployment")).value,
      ADMIN_KEY: (await createKey(owner, "admin")).value,
      KEY: (await createKey(owner, "free")).value,
    };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("finds the commands, the README's hello-world run among them", () => {
    expect(FILES).toEqual(expect.arrayContaining(["README.md", "docs/workflows.md", "docs/api.md", "docs/keys.md"]));
    const readme = curlBlocks(readFileSync(join(ROOT, "README.md"), "utf8")).flat();
    expect(readme.map((command) => command.text).join("\n")).toContain("/api/workflows/knouds/hello-world/run");
    expect(readme[0]?.shown?.body).toContain('"greeting":"Hello, Ada!"');
  });

  for (const file of FILES) {
    it(`runs every curl command in ${file} with the answer it shows`, async () => {
      const folder = tempDataDir(); // where a block's `-c jar` / `-b jar` keeps its cookie
      for (const command of curlBlocks(readFileSync(join(ROOT, file), "utf8")).flat()) {
        let text = command.text.replaceAll(DOCUMENTED_HOST, server.url);
        // What a reader fills in: the id or the value of one of their (signed-in) keys.
        while (text.includes("key_...") || text.includes("knouds_live_...")) {
          const key = await sessionKey(folder);
          text = text.replace("key_...", key.id).replace("knouds_live_...", key.value);
        }
        const { stdout } = await run("bash", ["-c", `${text} --write-out '\\n%{http_code}'`], {
          cwd: folder,
          env: { ...process.env, ...env },
        });
        const body = stdout.slice(0, stdout.lastIndexOf("\n"));
        const status = Number(stdout.slice(stdout.lastIndexOf("\n") + 1));
        // A failure shows the answer, with any key value in it (createApiKey's) cut short.
        const where = `${file}: ${command.text}\n→ ${status} ${body.replace(/(knouds_live_\w{4})\w+/g, "$1…")}`;
        expect(status, where).toBe(command.shown?.status ?? status);
        expect(status >= 200 && status < 300, where).toBe(true);
        const answer = JSON.parse(body) as { errors?: unknown };
        expect(answer.errors, where).toBeUndefined();
        if (command.shown) expect(body, where).toMatch(shownPattern(command.shown.body));
      }
    });
  }

  /** A new key of the account signed in through the block's cookie jar, as the settings page makes one. */
  async function sessionKey(folder: string): Promise<{ id: string; value: string }> {
    const jar = readFileSync(join(folder, "jar"), "utf8");
    const session = /\tknouds_session\t(\S+)/.exec(jar)?.[1];
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `knouds_session=${session}` },
      body: JSON.stringify({ query: 'mutation { createApiKey(input: {name: "from the docs"}) { value apiKey { id } } }' }),
    });
    const { data } = (await response.json()) as { data: { createApiKey: { value: string; apiKey: { id: string } } } };
    return { id: data.createApiKey.apiKey.id, value: data.createApiKey.value };
  }
});
