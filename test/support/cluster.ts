/**
 * Several real server processes sharing one SQLite directory, one secret and one Redis, the
 * way an operator runs many instances. Tests needing Redis skip with a printed reason where
 * none answers.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { run, startProcess, type RunningProcess } from "./process.js";
import { tempDataDir } from "./server.js";

export const LOCAL_REDIS = "redis://127.0.0.1:6379";

/** Null when Redis answers PING at `url`, else why not. */
export async function redisUnavailable(url = LOCAL_REDIS): Promise<string | null> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG" ? null : "Redis did not answer PING";
  } catch (error) {
    return `no Redis at ${url} (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

export interface Cluster {
  instances: RunningProcess[];
  env: Record<string, string>;
  prefix: string;
  /** Runs the operator CLI against the same store and Redis. */
  cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export async function startCluster(options: { size: number; redisUrl?: string; env?: Record<string, string> }): Promise<Cluster> {
  const prefix = `knouds-test-${randomUUID().slice(0, 8)}:`;
  const env = {
    KNOUDS_DATA_DIR: tempDataDir(),
    KNOUDS_SECRET: randomBytes(32).toString("hex"),
    REDIS_URL: options.redisUrl ?? LOCAL_REDIS,
    KNOUDS_REDIS_PREFIX: prefix,
    ...options.env,
  };
  const instances: RunningProcess[] = [];
  // The first instance migrates the shared SQLite file before the others open it.
  instances.push(await startProcess(["--import", "tsx", "src/main.ts"], env));
  instances.push(
    ...(await Promise.all(Array.from({ length: options.size - 1 }, () => startProcess(["--import", "tsx", "src/main.ts"], env)))),
  );
  return {
    instances,
    env,
    prefix,
    cli: (args) => run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], env),
    async stop() {
      await Promise.all(instances.map((instance) => instance.stop()));
      await deleteKeys(env.REDIS_URL, prefix);
    },
  };
}

/** Removes what a test left in a shared Redis. */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } catch {
    // a Redis the test killed on purpose
  } finally {
    redis.disconnect();
  }
}
