/**
 * What both entry points open, the server (server.ts) and the operator CLI (cli.ts): the logger
 * and the store. Kept apart from server.ts so that a CLI command loads neither the HTTP nor the
 * GraphQL stack.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "./config.js";
import type { Store } from "./store/interface.js";
import { openMongoStore } from "./store/mongo/index.js";
import { openSqliteStore } from "./store/sqlite/index.js";

export function createLogger(level: Config["logLevel"], destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers["x-api-key"]', "req.headers.cookie", 'res.headers["set-cookie"]', "value", "*.value"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export async function openStore(config: Config): Promise<Store> {
  return config.mongodbUri
    ? openMongoStore(config.mongodbUri)
    : openSqliteStore(config.sqliteFile, { synchronous: config.sqliteSynchronous });
}
