/**
 * The data directory and everything in it (the SQLite store and its -wal/-shm, the server
 * secret, backups) hold emails, password hashes, session digests, run inputs and outputs: the
 * directory is made 0700 and each file 0600, whatever the process umask (which only ever takes
 * bits away from what open() and mkdir() ask for, but is the operator's, not ours, to set).
 * SQLite creates -wal, -shm and rollback journals with the database file's own mode, so a store
 * file created 0600 keeps its companions private too.
 */
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) when absent, the directory itself 0700; an existing one is left as it is. */
export function ensurePrivateDirectory(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (created !== undefined) chmodSync(dir, PRIVATE_DIRECTORY_MODE);
}

/** Creates `file` empty with mode 0600 unless it exists (then it is left as it is). */
export function createPrivateFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, "wx", PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw error;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/**
 * The data directory and the entries in it that other users may read, write or enter (any
 * group or other permission bit), for a warning at start; [] when all is private or the
 * directory does not exist yet.
 */
export function exposedDataPaths(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const exposed = (path: string) => {
    try {
      return (statSync(path).mode & 0o077) !== 0;
    } catch {
      return false; // removed meanwhile
    }
  };
  return [dir, ...entries.map((entry) => join(dir, entry))].filter(exposed);
}
