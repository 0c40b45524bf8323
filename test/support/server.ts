/**
 * Starts the real server in this process on 127.0.0.1 with a fresh data directory, and
 * captures every log line it writes so tests can search them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { createServer, type KnoudsServer } from "../../src/server.js";

export interface TestServer {
  url: string;
  dataDir: string;
  server: KnoudsServer;
  /** Every log line written so far. */
  logs: string[];
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "knouds-test-"));
}

export async function startServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    KNOUDS_DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    ...options.env,
  });
  const logs: string[] = [];
  const server = await createServer(config, { write: (line: string) => void logs.push(line) });
  const url = await server.listen();
  return { url, dataDir, server, logs, stop: () => server.close() };
}
