/**
 * The composition root: builds the store, services and HTTP app from a Config, and owns
 * start and stop. Adapters are chosen here and nowhere else.
 */
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { DestinationStream, Logger } from "pino";
import { BufferedAuditLog } from "./audit/buffered.js";
import { ExpiredKeyNotices } from "./audit/expired-keys.js";
import { AccountService } from "./auth/accounts.js";
import { ApiKeyService } from "./auth/api-keys.js";
import { KeyVerifier } from "./auth/key-verifier.js";
import { LocalRevocationBus, type RevocationBus } from "./auth/revocation.js";
import { RedisRevocationBus } from "./auth/revocation-redis.js";
import { checkServerSecret, resolveServerSecret } from "./auth/secret.js";
import { SessionService } from "./auth/sessions.js";
import type { Config } from "./config.js";
import { createLogger, openStore } from "./open.js";
import { buildHttpApp } from "./http/app.js";
import { FailedAuthGuard } from "./limits/failed-auth.js";
import { FieldLimits } from "./limits/field-limits.js";
import { HashingQueue } from "./limits/hashing-queue.js";
import { leakReportBudget } from "./limits/leak-reports.js";
import { RequestBudgets } from "./limits/request-budgets.js";
import { Metrics } from "./observability/metrics.js";
import { connectRedis, redisReachable, waitForRedis } from "./redis/connection.js";
import { ensureExampleWorkflow } from "./runtime/example-workflow.js";
import { ModelRegistry, loadModelsFile } from "./runtime/model-registry.js";
import { RunRetention } from "./runtime/run-retention.js";
import { WorkflowRunner } from "./runtime/workflow-runner.js";
import { WorkflowService } from "./runtime/workflow-service.js";
import type { Services } from "./services.js";
import type { Store } from "./store/interface.js";
import { exposedDataPaths } from "./lib/private-files.js";
import { BufferedUsage } from "./usage/buffered.js";

export interface KnoudsServer {
  app: FastifyInstance;
  services: Services;
  logger: Logger;
  /** Listens on config.host:config.port and resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, lets in-flight requests finish, flushes and closes the store. */
  close(): Promise<void>;
}

/**
 * One connection for commands (budgets, field limits, publishing revocations) and one in
 * subscriber mode. The server starts even when Redis does not answer yet: budgets stay
 * in-process until it does.
 */
export async function openRedis(url: string, prefix: string, logger: Logger, metrics: Metrics, store: Store) {
  const commands = connectRedis({ url, logger, role: "commands" });
  const subscriber = connectRedis({ url, logger, role: "subscriber", subscriber: true });
  const bus = new RedisRevocationBus({
    publisher: commands,
    subscriber,
    channel: `${prefix}revocations`,
    logger,
    onBroadcastFailure: () => metrics.broadcastFailed(),
    missed: store.missedBroadcasts,
  });
  await bus.start();
  if (!(await waitForRedis(commands, 2000))) logger.warn("Redis did not answer within 2 s; starting with in-process budgets");
  return { commands, subscriber, bus };
}

export interface ServerOptions {
  /** The clock run retention reads; tests move it forward instead of waiting days. */
  now?: () => number;
}

/** Builds everything. `logDestination` lets tests read what the server logs. */
export async function createServer(config: Config, logDestination?: DestinationStream, options: ServerOptions = {}): Promise<KnoudsServer> {
  const logger = createLogger(config.logLevel, logDestination);
  if (config.mongodbUri && !config.secret) {
    logger.warn("MONGODB_URI is set without KNOUDS_SECRET: instances sharing the database must share one secret");
  }
  if (config.trustProxy !== false) {
    const trusted =
      config.trustProxy === true
        ? "the left-most X-Forwarded-For address (only safe when your proxy overwrites that header)"
        : typeof config.trustProxy === "number"
          ? `X-Forwarded-For as seen by the nearest ${config.trustProxy} proxy hop(s)`
          : `X-Forwarded-For from the proxies ${config.trustProxy.join(", ")}`;
    logger.info({ trustProxy: config.trustProxy }, `client addresses for per-address limits: ${trusted}`);
  }
  if (config.mongodbUri && !config.redisUrl) {
    logger.warn(
      "MONGODB_URI is set without REDIS_URL: if several instances share the database, a key deleted on one stays usable on the others until their cache expires (KNOUDS_KEY_CACHE_TTL_SECONDS)",
    );
  }
  const exposed = exposedDataPaths(config.dataDir);
  if (exposed.length > 0) {
    logger.warn(
      { exposed },
      `the data directory ${config.dataDir} or files in it can be read or entered by other users (${exposed.length} paths): ` +
        `make them private with chmod 700 '${config.dataDir}' && chmod 600 '${config.dataDir}'/*`,
    );
  }
  const serverSecret = resolveServerSecret(config.secret, config.dataDir);
  const secret = serverSecret.value;
  const models = ModelRegistry.withBuiltins(config.modelsFile ? loadModelsFile(config.modelsFile) : []);
  const store = await openStore(config);
  // A store restored without its secret (or a KNOUDS_SECRET other than the other instances')
  // would answer 401 to every key: refuse to start instead (SecretMismatchError).
  try {
    if ((await checkServerSecret(store.secretFingerprint, serverSecret)) === "recorded") {
      logger.info(
        "recorded the server secret's fingerprint in the store (a new store, or one from a version before fingerprints): " +
          "from now on a start with a different secret is refused. If keys made before this start answer 401, this is not the secret they were made with (docs/operating.md#the-server-secret)",
      );
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  await ensureExampleWorkflow(store);
  const metrics = new Metrics();
  const redis = config.redisUrl ? await openRedis(config.redisUrl, config.redisPrefix, logger, metrics, store) : null;
  const bus: RevocationBus = redis?.bus ?? new LocalRevocationBus();
  if (redis) metrics.watchRedis(() => bus.listening);
  const limitsOptions = {
    redis: redis?.commands,
    prefix: config.redisPrefix,
    onFallback: (budget: string) => metrics.budgetFallback(budget),
  };
  const audit = new BufferedAuditLog({
    store: store.audit,
    logger,
    retentionMs: config.auditRetentionMs,
    flushMs: config.eventsFlushMs,
    pruneOnTimer: true,
  });
  const usage = new BufferedUsage({ store: store.usage, logger, flushMs: config.eventsFlushMs });
  const workflows = new WorkflowService(store, models, bus, config.keyCacheTtlMs);
  const services: Services = {
    config,
    store,
    accounts: new AccountService(store, bus, audit, new HashingQueue((outcome) => metrics.passwordHashing(outcome))),
    apiKeys: new ApiKeyService(store, secret, bus, audit, options.now),
    sessions: new SessionService(store, config.sessionTtlMs),
    verifier: new KeyVerifier({ store, secret, bus, cacheTtlMs: config.keyCacheTtlMs }),
    models,
    workflows,
    runner: new WorkflowRunner(store, models, config.runTimeoutMs, (run) => {
      metrics.run(run);
      workflows.noteRun(run);
    }),
    metrics,
    usage,
    audit,
    expiredKeys: new ExpiredKeyNotices(audit),
    runRetention:
      config.runRetentionMs === null
        ? null
        : new RunRetention({ runs: store.runs, retentionMs: config.runRetentionMs, now: options.now ?? Date.now, logger }),
    noticeChangesElsewhere:
      redis || !store.changedElsewhere
        ? () => {}
        : () => {
            if (store.changedElsewhere!()) void bus.publish({ kind: "all" });
          },
    limits: {
      requests: new RequestBudgets(limitsOptions),
      failedAuth: new FailedAuthGuard(config.failedAuthPerMinute, limitsOptions),
      fields: new FieldLimits(limitsOptions),
      leakReports: leakReportBudget(limitsOptions),
    },
    async readiness() {
      const storeUp = await store.ping().then(
        () => true,
        () => false,
      );
      return redis ? { store: storeUp, redis: await redisReachable(redis.commands), revocations: bus.listening } : { store: storeUp };
    },
  };
  const app = await buildHttpApp({ services, logger });

  return {
    app,
    services,
    logger,
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      services.runRetention?.start();
      const { address, port } = app.server.address() as AddressInfo;
      const host = address.includes(":") ? `[${address}]` : address;
      return `http://${host}:${port}`;
    },
    async close() {
      await app.close();
      await services.runRetention?.close();
      await services.verifier.close();
      await workflows.close();
      await usage.close();
      await audit.close();
      services.sessions.close();
      await bus.close();
      redis?.commands.disconnect();
      redis?.subscriber.disconnect();
      await store.close();
    },
  };
}
