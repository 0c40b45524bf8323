/**
 * Backup and restore of the SQLite store (the operator CLI's `backup` and `restore`). A backup
 * is taken through SQLite's online backup API while servers keep serving; a restore checks the
 * file is a whole Knouds store, refuses while a server has the store open, and swaps files by
 * rename so a crash leaves either the old or the new store, never half of one.
 */
import Database from "better-sqlite3";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { KnoudsError } from "../../domain/errors.js";
import { createPrivateFile, ensurePrivateDirectory } from "../../lib/private-files.js";
import { MIGRATIONS } from "./migrations.js";

const KNOUDS_TABLES = ["accounts", "api_keys", "sessions", "workflows", "runs"];
/** sqlite3_backup_step's page count meaning "all of them" in one step. */
const ALL_PAGES = 0x7fffffff;

function refused(flag: string, message: string): KnoudsError {
  return KnoudsError.invalidInput([{ path: flag, message }], message);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Throws BAD_USER_INPUT unless `file` is an intact SQLite database (PRAGMA integrity_check)
 * holding the Knouds tables at a schema version this code knows.
 */
export function verifyKnoudsStore(file: string, flag: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = db.pragma("integrity_check", { simple: false }) as Array<{ integrity_check: string }>;
    if (problems.length !== 1 || problems[0]!.integrity_check !== "ok") {
      throw refused(
        flag,
        `${file} fails SQLite's integrity check: ${problems
          .map((p) => p.integrity_check)
          .slice(0, 3)
          .join("; ")}`,
      );
    }
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const version = db.pragma("user_version", { simple: true }) as number;
    if (!KNOUDS_TABLES.every((t) => tables.has(t)) || version < 1)
      throw refused(flag, `${file} is a SQLite database but not a Knouds store`);
    if (version > MIGRATIONS.length) {
      throw refused(flag, `${file} was written by a newer Knouds (schema ${version}, this one knows ${MIGRATIONS.length}): upgrade first`);
    }
  } catch (error) {
    if (error instanceof KnoudsError) throw error;
    throw refused(flag, `${file} is not a SQLite database (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    db?.close();
  }
}

/**
 * Copies the database at `from` into a new file `to` in one backup step: a snapshot of one
 * moment. `to` is created 0600 before a page is written (and so is any journal SQLite puts
 * beside it): a backup holds what the store holds, whatever the umask.
 */
async function copyDatabase(from: string, to: string): Promise<void> {
  createPrivateFile(to);
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    // One step copies every page inside one read transaction, so the copy is of one moment and
    // a server's commits (WAL: readers never block writers) go on meanwhile. Steps of 100 pages
    // would restart whenever a server commits between two of them — forever, under load.
    await source.backup(to, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  // The copy keeps the source's WAL flag; as a rollback-journal file it stays one self-contained
  // file that can be read without -wal/-shm files appearing beside it (a server turns WAL back on).
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  fsyncPath(to);
}

/**
 * Takes a consistent copy of the store at `storeFile` into `target` while servers keep
 * serving. Refuses an existing `target` unless `replace`. Resolves with the copy's size.
 */
export async function backupSqliteStore(storeFile: string, target: string, options: { replace: boolean }): Promise<{ bytes: number }> {
  const to = resolve(target);
  if (!existsSync(storeFile)) throw refused("KNOUDS_DATA_DIR", `no SQLite store at ${storeFile}`);
  if (to === resolve(storeFile)) throw refused("--to", "the backup must go to another file than the store itself");
  if (!existsSync(dirname(to))) throw refused("--to", `the folder ${dirname(to)} does not exist`);
  if (existsSync(to) && !options.replace) throw KnoudsError.conflict(`${to} already exists: pass --force to replace it`);
  const partial = `${to}.partial-${process.pid}`;
  try {
    await copyDatabase(storeFile, partial);
    verifyKnoudsStore(partial, "--to");
    if (options.replace) {
      renameSync(partial, to);
    } else {
      // link() fails when the name was taken meanwhile, where rename() would silently replace it.
      try {
        linkSync(partial, to);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST")
          throw KnoudsError.conflict(`${to} already exists: pass --force to replace it`);
        throw error;
      }
    }
    fsyncPath(dirname(to));
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) if (existsSync(leftover)) unlinkSync(leftover);
  }
  return { bytes: statSync(to).size };
}

/**
 * Throws CONFLICT when another connection (a running server) has `storeFile` open. Leaving
 * WAL mode needs the database to itself, so SQLite refuses it at once while anyone else is in;
 * when it succeeds the WAL has been checkpointed into the file and removed.
 */
function ensureNobodyUses(storeFile: string): void {
  const db = new Database(storeFile, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("journal_mode = DELETE");
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") {
      throw KnoudsError.conflict(`a running server (or another process) has ${storeFile} open: stop it, then restore`);
    }
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Puts the backup `from` back as the store at `storeFile`, which no server may have open.
 * A store already there is kept beside it, renamed; returns that name (or null).
 */
export async function restoreSqliteStore(from: string, storeFile: string): Promise<{ replaced: string | null }> {
  const source = resolve(from);
  if (!existsSync(source)) throw refused("--from", `${source} does not exist`);
  if (source === resolve(storeFile)) throw refused("--from", "the backup to restore is the store itself");
  verifyKnoudsStore(source, "--from");
  ensurePrivateDirectory(dirname(storeFile));
  const incoming = `${storeFile}.restoring-${process.pid}`;
  try {
    await copyDatabase(source, incoming);
    // Checked last, right before the swap, to keep the window for a server starting meanwhile short.
    const replaced = existsSync(storeFile) ? `${storeFile}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}` : null;
    if (replaced) {
      ensureNobodyUses(storeFile);
      renameSync(storeFile, replaced);
      // Nothing of the old store is dropped: a WAL left beside it goes with it.
      for (const suffix of ["-wal", "-shm"]) if (existsSync(storeFile + suffix)) renameSync(storeFile + suffix, replaced + suffix);
    }
    renameSync(incoming, storeFile);
    fsyncPath(dirname(storeFile));
    return { replaced };
  } finally {
    for (const leftover of [incoming, `${incoming}-wal`, `${incoming}-shm`]) if (existsSync(leftover)) unlinkSync(leftover);
  }
}
