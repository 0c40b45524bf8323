/**
 * A throwaway redis-server a test starts and stops itself, on a free port, so the shared Redis
 * on 6379 is never touched. Tests skip with a printed reason where no redis-server exists.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { run } from "./process.js";

/** Null when a redis-server binary is on PATH, else why the test cannot run. */
export async function noRedisServer(): Promise<string | null> {
  return (await run("sh", ["-c", "command -v redis-server"])).code === 0 ? null : "no redis-server binary to start a throwaway Redis";
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Starts redis-server on `port` (no persistence) and resolves once it answers PING. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
  probe.on("error", () => undefined);
  for (let i = 0; i < 100; i++) {
    try {
      if (probe.status !== "ready") await probe.connect();
      if ((await probe.ping()) === "PONG") break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  probe.disconnect();
  return child;
}

/** Kills it at once (no goodbye to its clients) and resolves when it has exited. */
export async function killRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGKILL");
  await once(child, "exit");
}
