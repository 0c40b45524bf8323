/**
 * The operator CLI's `rotate-secret` (src/cli.ts dispatches here): records the secret now in
 * place (KNOUDS_SECRET, or `<dataDir>/secret`) as the store's, after the operator changed it on
 * purpose. A server refuses to start on a store whose recorded secret differs (auth/secret.ts).
 */
import { resolveServerSecret, secretFingerprint } from "../auth/secret.js";
import { loadConfig } from "../config.js";
import { openStore } from "../open.js";
import { CLI, parseOptions } from "./command-line.js";

const USAGE = "rotate-secret";

export const ROTATE_SECRET_USAGE = `  ${CLI} ${USAGE}      record the secret now in place as the store's: every existing API key stops working`;

export async function runRotateSecret(args: string[]): Promise<void> {
  parseOptions("rotate-secret", args, {}, USAGE);
  const config = loadConfig();
  const secret = resolveServerSecret(config.secret, config.dataDir);
  const from = secret.source === "env" ? "KNOUDS_SECRET" : secret.file;
  const store = await openStore(config);
  try {
    const fingerprint = secretFingerprint(secret.value);
    const before = await store.secretFingerprint.get();
    if (before === fingerprint) {
      console.log(`the store already records the secret from ${from}: nothing changed, every key still verifies`);
      return;
    }
    await store.secretFingerprint.replace(fingerprint);
    if (before === null) {
      console.log(`recorded the secret from ${from} as the store's (it had none recorded yet)`);
      return;
    }
    console.log(
      [
        `recorded the secret from ${from} as the store's new secret.`,
        "Every API key made under the previous secret no longer verifies (401): their owners must create new keys and delete the old ones.",
        "Accounts, sign-in, workflows, runs and the audit log are kept. Servers still running with the previous secret keep it until restarted.",
        "To undo: put the previous secret back and run rotate-secret again.",
      ].join("\n"),
    );
  } finally {
    await store.close();
  }
}
