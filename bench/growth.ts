/** How much the store grows per stored run: the bench prints it beside the speeds. */
import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";

export interface StoreGrowth {
  /** The SQLite file plus its WAL, in bytes. */
  storeBytes: number;
  runs: number;
  /** Pages of the runs table and its indexes (SQLite's dbstat), divided by the runs stored. */
  bytesPerRun: number;
}

export function storeGrowth(file: string): StoreGrowth {
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  const db = new Database(file, { readonly: true });
  try {
    const runs = db.prepare("SELECT count(*) FROM runs").pluck().get() as number;
    const runBytes = db
      .prepare(
        "SELECT sum(pgsize) FROM dbstat WHERE name = 'runs' OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs')",
      )
      .pluck()
      .get() as number | null;
    return { storeBytes: size(file) + size(`${file}-wal`), runs, bytesPerRun: runs === 0 ? 0 : (runBytes ?? 0) / runs };
  } finally {
    db.close();
  }
}
