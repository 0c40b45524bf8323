/**
 * `create-account` takes the password off the command line: from stdin with
 * --password-stdin, or typed at a prompt that does not echo (a real terminal, through
 * util-linux `script`). Either way the account can then sign in, and the password shows
 * nowhere in the output.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Client } from "../support/client.js";
import { SignIn, Viewer } from "../support/operations.js";
import { ROOT } from "../support/process.js";
import { startServer, tempDataDir } from "../support/server.js";

const PASSWORD = "a long password from stdin";
const CLI = ["--import", "tsx", "src/cli.ts"];

async function signsIn(dataDir: string, email: string, password: string): Promise<boolean> {
  const server = await startServer({ dataDir });
  try {
    const client = new Client(server.url);
    await client.graphql(SignIn, { input: { email, password } });
    return (await client.graphql(Viewer)).data?.viewer?.account?.email === email;
  } finally {
    await server.stop();
  }
}

describe("create-account keeps the password off the command line", () => {
  it("reads it from stdin with --password-stdin", async () => {
    const dataDir = tempDataDir();
    const email = `stdin-${Date.now()}@example.com`;
    const child = spawn(process.execPath, [...CLI, "create-account", "--email", email, "--password-stdin"], {
      cwd: ROOT,
      env: { ...process.env, KNOUDS_DATA_DIR: dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(`${PASSWORD}\n`);
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code, output).toBe(0);
    expect(output).not.toContain(PASSWORD);
    expect(await signsIn(dataDir, email, PASSWORD)).toBe(true);
  });

  it("says nothing came on stdin when --password-stdin finds it empty, and creates no account", async () => {
    const dataDir = tempDataDir();
    const email = `empty-${Date.now()}@example.com`;
    const child = spawn(process.execPath, [...CLI, "create-account", "--email", email, "--password-stdin"], {
      cwd: ROOT,
      env: { ...process.env, KNOUDS_DATA_DIR: dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end("");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^nothing on stdin: --password-stdin reads the password from stdin, as in printf '%s' "\$PASSWORD" \| npm run cli -- create-account/,
    );
    expect(stderr).not.toContain("at least 8 characters");
    expect(existsSync(join(dataDir, "knouds.db"))).toBe(false);
  });

  it.skipIf(!existsSync("/usr/bin/script"))("asks on a terminal without echoing what is typed", async () => {
    const dataDir = tempDataDir();
    const email = `tty-${Date.now()}@example.com`;
    const command = [process.execPath, ...CLI, "create-account", "--email", email].join(" ");
    const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], {
      cwd: ROOT,
      env: { ...process.env, KNOUDS_DATA_DIR: dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    const waitFor = (prompt: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (output.includes(prompt)) {
            child.stdout.off("data", check);
            resolve();
          }
        };
        child.stdout.on("data", check);
        check();
      });
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitFor("Password: ");
    child.stdin.write(`${PASSWORD}\r`);
    await waitFor("Password (again): ");
    child.stdin.write(`${PASSWORD}\r`);
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code, output).toBe(0);
    expect(output).toContain(email);
    expect(output).not.toContain(PASSWORD);
    expect(await signsIn(dataDir, email, PASSWORD)).toBe(true);
  });
});
