/**
 * The data directory is private whatever the umask: the real server and CLI, run as child
 * processes under the usual umask 022, make the directory 0700 and the store, its -wal and
 * -shm, the secret, backups and a restored store 0600; a server started on a store others can
 * read says so in its log.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/client.js";
import { SignUp } from "../support/operations.js";
import { run, startProcess, type RunningProcess } from "../support/process.js";
import { tempDataDir } from "../support/server.js";

const MAIN = ["--import", "tsx", "src/main.ts"];
const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { KNOUDS_DATA_DIR: dataDir, LOG_LEVEL: "silent" });

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
/** Every entry of `dir` with its mode, e.g. { "knouds.db": "600" }. */
const modes = (dir: string) => Object.fromEntries(readdirSync(dir).map((entry) => [entry, mode(join(dir, entry))]));

async function writeSomething(server: RunningProcess): Promise<void> {
  const signedUp = await new Client(server.url).graphql(SignUp, {
    input: { email: `perm-${Date.now()}-${Math.random()}@example.com`, password: "correct horse battery" },
  });
  expect(signedUp.data?.signUp.id, signedUp.text).toBeDefined();
}

const EXPOSED_WARNING = /can be read or entered by other users/;

describe("data file permissions under umask 022", () => {
  let previousUmask: number;
  const running: RunningProcess[] = [];
  beforeAll(() => {
    // Children inherit it: the server and the CLI run under the umask most systems default to.
    previousUmask = process.umask(0o022);
  });
  afterAll(async () => {
    for (const server of running) await server.stop();
    process.umask(previousUmask);
  });

  it("makes a new data directory 0700 and the store, -wal, -shm and secret 0600, and does not warn", async () => {
    const dataDir = join(tempDataDir(), "nested", "data");
    const server = await startProcess(MAIN, { KNOUDS_DATA_DIR: dataDir });
    running.push(server);
    await writeSomething(server);
    expect(mode(dataDir)).toBe("700");
    expect(modes(dataDir)).toEqual({ "knouds.db": "600", "knouds.db-wal": "600", "knouds.db-shm": "600", secret: "600" });
    expect(server.output.join("\n")).not.toMatch(EXPOSED_WARNING);
  });

  it("writes backups 0600 (also over an existing file with --force) and restores a store 0600 into a new 0700 directory", async () => {
    const dataDir = tempDataDir();
    const server = await startProcess(MAIN, { KNOUDS_DATA_DIR: dataDir });
    running.push(server);
    await writeSomething(server);

    const backups = tempDataDir();
    chmodSync(backups, 0o755);
    const backupFile = join(backups, "knouds-backup.db");
    const backup = await cli(dataDir, "backup", "--to", backupFile);
    expect(backup.code, backup.stderr).toBe(0);
    expect(modes(backups)).toEqual({ "knouds-backup.db": "600" });
    const replaced = join(backups, "replaced.db");
    copyFileSync(backupFile, replaced);
    chmodSync(replaced, 0o644);
    const forced = await cli(dataDir, "backup", "--to", replaced, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(mode(replaced)).toBe("600");

    const restoredDir = join(tempDataDir(), "restored");
    const restore = await cli(restoredDir, "restore", "--from", backupFile);
    expect(restore.code, restore.stderr).toBe(0);
    expect(mode(restoredDir)).toBe("700");
    expect(modes(restoredDir)).toEqual({ "knouds.db": "600" });
    // A server refuses a store without the secret it was made with: the operator copies it.
    copyFileSync(join(dataDir, "secret"), join(restoredDir, "secret"));

    const restored = await startProcess(MAIN, { KNOUDS_DATA_DIR: restoredDir });
    running.push(restored);
    await writeSomething(restored);
    expect(modes(restoredDir)).toEqual({ "knouds.db": "600", "knouds.db-wal": "600", "knouds.db-shm": "600", secret: "600" });
    expect(restored.output.join("\n")).not.toMatch(EXPOSED_WARNING);
  });

  it("warns at start, naming the paths, when an existing store or its directory is readable by others", async () => {
    const made = tempDataDir();
    const first = await startProcess(MAIN, { KNOUDS_DATA_DIR: made });
    await writeSomething(first);
    expect(await first.stop()).toBe(0);

    // As an earlier version left it: a 0755 directory and a 0644 store.
    const dataDir = join(tempDataDir(), "old");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    copyFileSync(join(made, "knouds.db"), join(dataDir, "knouds.db"));
    chmodSync(join(dataDir, "knouds.db"), 0o644);
    copyFileSync(join(made, "secret"), join(dataDir, "secret"));
    const server = await startProcess(MAIN, { KNOUDS_DATA_DIR: dataDir });
    running.push(server);
    const warnings = server.output
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string; exposed?: string[] })
      .filter((entry) => EXPOSED_WARNING.test(entry.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
    expect(warnings[0]!.exposed).toEqual([dataDir, join(dataDir, "knouds.db")]);
    expect(warnings[0]!.msg).toContain(`chmod 700 '${dataDir}' && chmod 600 '${dataDir}'/*`);
  });
});
