/**
 * One folder per `vitest run` holds every data directory and log the suite writes, and the
 * list of every key value the API handed out; global-setup.ts scans the folder for those
 * values when the suite ends.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    suiteRoot: string;
  }
}

export const CREATED_KEYS_FILE = "created-keys.txt";
const KEY_VALUE = /knouds_live_[0-9A-Za-z]{32,}/g;

/** The suite's folder; a fresh temp folder when a test runs outside the global setup. */
export function suiteRoot(): string {
  let root: string | undefined;
  try {
    root = inject("suiteRoot");
  } catch {
    root = undefined;
  }
  const folder = root ?? join(tmpdir(), "knouds-suite-standalone");
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Remembers every key value found in an API answer, so the final scan can look for it. */
export function recordKeyValuesIn(text: string): void {
  const found = text.match(KEY_VALUE);
  if (found) appendFileSync(join(suiteRoot(), CREATED_KEYS_FILE), `${found.join("\n")}\n`);
}
