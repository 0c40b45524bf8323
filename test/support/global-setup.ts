/**
 * Creates the suite folder (see suite.ts) and, when every test file has finished, searches all
 * the logs and data files written in it for every key value the API handed out during the
 * whole suite. Any hit fails the run, naming the file but never printing the value.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { CREATED_KEYS_FILE } from "./suite.js";

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    // A symbolic link (a test project's node_modules) points outside what the suite wrote.
    const entry = lstatSync(path);
    if (entry.isSymbolicLink()) return [];
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

export function scanForKeyValues(root: string): { keys: number; files: number; bytes: number; leaks: string[] } {
  const keysFile = join(root, CREATED_KEYS_FILE);
  const values = existsSync(keysFile) ? [...new Set(readFileSync(keysFile, "utf8").split("\n").filter(Boolean))] : [];
  const files = filesUnder(root).filter((path) => path !== keysFile);
  const leaks: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    for (const value of values) {
      // The random part alone, too: a value cut off its prefix is still a leak.
      if (content.includes(value) || content.includes(value.slice("knouds_live_".length))) {
        leaks.push(`${file} holds the key starting ${value.slice(0, 16)}…`);
      }
    }
  }
  return { keys: values.length, files: files.length, bytes, leaks };
}

export default function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), "knouds-suite-"));
  project.provide("suiteRoot", root);
  return async () => {
    const { keys, files, bytes, leaks } = scanForKeyValues(root);
    // Zero recorded keys means recording broke only when every test file ran (the suite creates
    // keys); one file run alone, the MongoDB contract suite say, may hand out none.
    const everyFileRan = project.vitest.state.getFiles().length >= (await project.globTestFiles()).testFiles.length;
    console.log(
      `[secret scan] ${keys} key values handed out, searched ${files} files (${(bytes / 2 ** 20).toFixed(1)} MiB) of logs and data`,
    );
    const failure =
      leaks.length > 0
        ? `key values found at rest:\n${leaks.join("\n")}`
        : keys === 0 && everyFileRan
          ? "the secret scan saw no key values: the suite did not record them"
          : null;
    if (failure === null) {
      rmSync(root, { recursive: true, force: true });
      return;
    }
    // vitest reports an error thrown here but still exits 0; the exit code must say it failed.
    console.error(`[secret scan] FAILED: ${failure}`);
    process.exitCode = 1;
    throw new Error(failure);
  };
}
