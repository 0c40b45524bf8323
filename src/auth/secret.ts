import { createHmac, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from "../lib/private-files.js";
import type { SecretFingerprintStore } from "../store/interface.js";

/** The server secret and where it came from, for messages that tell the operator what to fix. */
export interface ServerSecret {
  value: string;
  /** `env`: KNOUDS_SECRET; `file`: read from `file`; `generated`: there was none, a new one was written to `file`. */
  source: "env" | "file" | "generated";
  /** `<dataDir>/secret`, where a generated secret lives. */
  file: string;
}

/**
 * The HMAC secret for key digests: KNOUDS_SECRET when given, otherwise a random one generated
 * on first start and kept in `<dataDir>/secret` (mode 0600). Instances that share a database
 * must share this secret, so multi-instance deployments set KNOUDS_SECRET.
 */
export function resolveServerSecret(configured: string | undefined, dataDir: string): ServerSecret {
  const file = join(dataDir, "secret");
  if (configured) return { value: configured, source: "env", file };
  try {
    return { value: readFileSync(file, "utf8").trim(), source: "file", file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  ensurePrivateDirectory(dataDir);
  const secret = randomBytes(32).toString("hex");
  try {
    writeFileSync(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: "wx" });
    return { value: secret, source: "generated", file };
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return { value: readFileSync(file, "utf8").trim(), source: "file", file };
    throw error;
  }
}

/** Never a key value (those start with `knouds_live_`), so the fingerprint is never a key's digest. */
const FINGERPRINT_LABEL = "knouds server secret fingerprint v1";

/**
 * What the store keeps to recognize the secret: HMAC-SHA-256 of a fixed label under it, hex.
 * One-way like the key digests the store already holds, so it tells nothing more about the
 * secret than they do; it only lets a start compare.
 */
export function secretFingerprint(secret: string): string {
  return createHmac("sha256", secret).update(FINGERPRINT_LABEL).digest("hex");
}

/** The secret in use is not the one the store's key digests were made under. */
export class SecretMismatchError extends Error {
  override readonly name = "SecretMismatchError";
}

function whereFrom(secret: ServerSecret): string {
  switch (secret.source) {
    case "env":
      return "The secret in use comes from KNOUDS_SECRET.";
    case "file":
      return `The secret in use comes from ${secret.file}.`;
    case "generated":
      return `There was no secret file and KNOUDS_SECRET is unset, so a new secret was just generated into ${secret.file}.`;
  }
}

/** The refusal, saying what happened and both ways on. */
export function mismatchMessage(secret: ServerSecret): string {
  return [
    "the server secret is not the one this store's API keys were made with: started like this, every API key would answer 401.",
    whereFrom(secret),
    `- Restored or moved this store from another server? Copy that server's secret file over ${secret.file} (or set KNOUDS_SECRET to the value it used), then start again.`,
    "- Changed the secret on purpose? Run `npm run cli -- rotate-secret` with the new secret in place, then start: every existing API key stops working (accounts, sign-in, workflows and runs are kept).",
  ].join("\n");
}

/**
 * Compares the secret with the fingerprint the store recorded. No fingerprint yet (a new
 * store, or one from a version before fingerprints): records this secret's and answers
 * "recorded". The same: "matches". Another: throws SecretMismatchError.
 */
export async function checkServerSecret(store: SecretFingerprintStore, secret: ServerSecret): Promise<"recorded" | "matches"> {
  const mine = secretFingerprint(secret.value);
  const recorded = await store.get();
  if (recorded === mine) return "matches";
  if (recorded === null) {
    const winner = await store.recordIfAbsent(mine);
    if (winner === mine) return "recorded";
  }
  throw new SecretMismatchError(mismatchMessage(secret));
}
