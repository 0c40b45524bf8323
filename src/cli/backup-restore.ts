/**
 * The operator CLI's `backup` and `restore` (src/cli.ts dispatches here):
 *
 *   npm run cli -- backup --to FILE [--force]    while servers keep serving
 *   npm run cli -- restore --from FILE            with every server on the store stopped
 *
 * SQLite only; with MONGODB_URI set they point to mongodump/mongorestore (docs/operating.md#mongodb).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config.js";
import { KnoudsError } from "../domain/errors.js";
import { backupSqliteStore, restoreSqliteStore } from "../store/sqlite/backup.js";
import { CLI, fail, parseOptions } from "./command-line.js";

export const BACKUP_RESTORE_COMMANDS = ["backup", "restore"] as const;
const USAGE = { backup: "backup --to FILE [--force]", restore: "restore --from FILE" } as const;
export const BACKUP_RESTORE_USAGE = `  ${USAGE.backup}      (SQLite: a consistent copy while the server serves)
  ${USAGE.restore}             (SQLite: with the server stopped)`;

/** Runs `backup` or `restore` with the rest of the command line; exits 2 with the reason on refusal. */
export async function runBackupRestore(command: (typeof BACKUP_RESTORE_COMMANDS)[number], args: string[]): Promise<void> {
  const options =
    command === "backup"
      ? parseOptions(command, args, { to: "string", force: "boolean" }, USAGE.backup)
      : parseOptions(command, args, { from: "string" }, USAGE.restore);
  const config = loadConfig();
  if (config.mongodbUri) {
    fail(`${command} works on the embedded SQLite store; for MongoDB use mongodump and mongorestore (docs/operating.md#mongodb)`);
  }
  // Key digests are HMACs under the server secret: a store is only useful with the secret it was made with.
  const secretFile = join(config.dataDir, "secret");
  const secretNote = config.secret
    ? "keys verify under KNOUDS_SECRET: restore with the same value"
    : `the backup holds the store, not the server secret: keep ${secretFile} safe beside it`;
  try {
    if (command === "backup") {
      const to = options.text("to") ?? fail("--to is required", `usage: ${CLI} ${USAGE.backup}`);
      const { bytes } = await backupSqliteStore(config.sqliteFile, to, { replace: options.flag("force") });
      console.log(JSON.stringify({ backup: to, from: config.sqliteFile, bytes }));
      console.error(secretNote);
      return;
    }
    const from = options.text("from") ?? fail("--from is required", `usage: ${CLI} ${USAGE.restore}`);
    const { replaced } = await restoreSqliteStore(from, config.sqliteFile);
    console.log(JSON.stringify({ restored: config.sqliteFile, from, previousStoreKeptAs: replaced }));
    if (!config.secret && !existsSync(secretFile)) {
      console.error(
        `no server secret at ${secretFile} and KNOUDS_SECRET is unset: copy the secret this store was made with there ` +
          "(or set KNOUDS_SECRET) before starting the server, or no API key will verify",
      );
    }
  } catch (error) {
    if (error instanceof KnoudsError) fail(`${command} refused: ${error.message}`);
    throw error;
  }
}
