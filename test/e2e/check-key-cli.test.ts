/** `npm run cli -- check-key`: offline, value from the argument or stdin, exit code says the verdict. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateKeyValue } from "../../src/domain/keys.js";
import { ROOT } from "../support/process.js";
import { tempDataDir } from "../support/server.js";

async function checkKey(args: string[], stdin?: string) {
  const dataDir = join(tempDataDir(), "never-created");
  // A data directory that does not exist and a database nobody listens on: touching either would show.
  const env = { ...process.env, KNOUDS_DATA_DIR: dataDir, MONGODB_URI: "mongodb://127.0.0.1:9/none", REDIS_URL: "redis://127.0.0.1:9" };
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "check-key", ...args], {
    cwd: ROOT,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? "");
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr, touchedDataDir: existsSync(dataDir) };
}

describe("check-key", () => {
  it("says a generated key is well-formed (exit 0), from stdin or the argument, without touching any store", async () => {
    const { value } = generateKeyValue();
    for (const run of [await checkKey([], `${value}\n`), await checkKey([value])]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^well-formed/);
      expect(run.stdout).not.toContain(value.slice(12));
      expect(run.touchedDataDir).toBe(false);
    }
  }, 60_000);

  // Every reason is checked without a process in test/domain/secret-scanning.test.ts.
  it("says why a near miss is not a key (exit 1), never echoing it", async () => {
    const { value } = generateKeyValue();
    const last = value.at(-1) === "A" ? "B" : "A";
    const cases: Array<[string, RegExp]> = [[`${value.slice(0, -1)}${last}`, /fails its checksum/]];
    for (const [miss, reason] of cases) {
      const run = await checkKey(["-"], miss);
      expect(run.code, miss).toBe(1);
      expect(run.stdout).toMatch(reason);
      expect(run.stdout).not.toContain(miss.slice(12));
    }
  }, 60_000);

  it("refuses more than one argument with the usage (exit 2)", async () => {
    const run = await checkKey(["a", "b"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^usage: npm run cli -- check-key \[VALUE \| -\]/);
  }, 30_000);

  it("says nothing came on stdin, and how to give the key, when stdin is empty (exit 2)", async () => {
    for (const args of [[], ["-"]]) {
      const run = await checkKey(args, "");
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        "nothing on stdin: pipe the key in (npm run --silent cli -- check-key < key.txt) or give it as the argument (npm run cli -- check-key VALUE)\n",
      );
      expect(run.touchedDataDir).toBe(false);
    }
  }, 60_000);
});
