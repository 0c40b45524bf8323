/**
 * Redis connections for budgets, field limits and the revocation bus. Redis is an accelerator,
 * never a dependency for answering: commands fail fast while it is away (no offline queue, a
 * short command timeout) so callers fall back at once, and an outage is logged once, not per
 * reconnect attempt.
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";

/** How long one Redis command may take before the caller falls back to in-process state. */
const COMMAND_TIMEOUT_MS = 500;

export interface RedisConnectionOptions {
  url: string;
  logger: Logger;
  /** Shown in the log lines ("commands", "subscriber"). */
  role: string;
  /** A subscriber must queue its SUBSCRIBE until connected; command connections must not. */
  subscriber?: boolean;
}

export function connectRedis({ url, logger, role, subscriber = false }: RedisConnectionOptions): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: subscriber,
    // The revocation bus subscribes on every "ready" itself, so it knows when it is listening again.
    autoResubscribe: !subscriber,
    maxRetriesPerRequest: subscriber ? null : 1,
    ...(subscriber ? {} : { commandTimeout: COMMAND_TIMEOUT_MS }),
    // Reconnect forever, at most every 2 s: the server recovers by itself when Redis returns.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    connectionName: `knouds-${role}`,
    // Commands sent in one event-loop turn (the charges of every request in it) leave in one
    // write and their answers arrive in one read, instead of a write and a read each.
    enableAutoPipelining: !subscriber,
  });
  let healthy = true;
  const lost = (reason: string) => {
    if (!healthy) return;
    healthy = false;
    logger.warn({ redis: role, reason }, "Redis unavailable: falling back to in-process state until it returns");
  };
  redis.on("error", (error: Error) => lost(error.message));
  redis.on("close", () => lost("connection closed"));
  redis.on("ready", () => {
    if (healthy) return;
    healthy = true;
    logger.info({ redis: role }, "Redis reachable again");
  });
  return redis;
}

/** Resolves when the connection is ready, or after `timeoutMs` (the server starts either way). */
export async function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once("ready", onReady);
  });
}

/** True when a PING answers within the command timeout. */
export async function redisReachable(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  }
}
