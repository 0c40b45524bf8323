/**
 * Starts the real server in this process on 127.0.0.1 with a fresh data directory, and
 * captures every log line it writes so tests can search them.
 */
import { appendFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { createServer, type KnoudsServer } from "../../src/server.js";
import { suiteRoot } from "./suite.js";

export interface TestServer {
  url: string;
  dataDir: string;
  server: KnoudsServer;
  /** Every log line written so far. */
  logs: string[];
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(suiteRoot(), "data-"));
}

export async function startServer(
  options: { dataDir?: string; env?: Record<string, string>; now?: () => number } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    KNOUDS_DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    ...options.env,
  });
  const logs: string[] = [];
  // Kept in memory for assertions and on disk for the suite's final secret scan.
  const logFile = join(dataDir, "server.log");
  const server = await createServer(
    config,
    {
      write: (line: string) => {
        logs.push(line);
        appendFileSync(logFile, line);
      },
    },
    { now: options.now },
  );
  const url = await server.listen();
  return { url, dataDir, server, logs, stop: () => server.close() };
}
