/** CLI entry: reads config, starts the server, and shuts down gracefully on SIGTERM/SIGINT. */
import { type Config, ConfigError, loadConfig } from "./config.js";
import { SecretMismatchError } from "./auth/secret.js";
import { createServer } from "./server.js";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const server = await createServer(config);
  const url = await server.listen();
  server.logger.info({ url, store: server.services.store.kind }, `Knouds API listening on ${url} (GraphQL playground: ${url}/graphql)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  // A promise nobody awaited failed: a bug, logged loudly, but not a reason to drop every
  // request in flight (Node's default is to exit).
  process.on("unhandledRejection", (reason: unknown) => {
    server.logger.error({ err: reason }, "unhandled promise rejection");
  });
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof SecretMismatchError) {
    console.error(`Knouds API refused to start: ${error.message}`);
    process.exit(2);
  }
  console.error("Knouds API failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
