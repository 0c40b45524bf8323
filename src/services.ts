import type { ExpiredKeyNotices } from "./audit/expired-keys.js";
import type { AuditLog } from "./audit/interface.js";
import type { AccountService } from "./auth/accounts.js";
import type { ApiKeyService } from "./auth/api-keys.js";
import type { KeyVerifier } from "./auth/key-verifier.js";
import type { SessionService } from "./auth/sessions.js";
import type { Config } from "./config.js";
import type { FailedAuthGuard } from "./limits/failed-auth.js";
import type { FieldLimits } from "./limits/field-limits.js";
import type { Budget } from "./limits/interface.js";
import type { RequestBudgets } from "./limits/request-budgets.js";
import type { Metrics } from "./observability/metrics.js";
import type { ModelRegistry } from "./runtime/model-registry.js";
import type { RunRetention } from "./runtime/run-retention.js";
import type { WorkflowRunner } from "./runtime/workflow-runner.js";
import type { WorkflowService } from "./runtime/workflow-service.js";
import type { Store } from "./store/interface.js";
import type { UsageCounter } from "./usage/interface.js";

/** What the GraphQL resolvers and REST routes call. Built once in server.ts. */
export interface Services {
  config: Config;
  store: Store;
  accounts: AccountService;
  apiKeys: ApiKeyService;
  sessions: SessionService;
  verifier: KeyVerifier;
  models: ModelRegistry;
  workflows: WorkflowService;
  runner: WorkflowRunner;
  metrics: Metrics;
  usage: UsageCounter;
  audit: AuditLog;
  expiredKeys: ExpiredKeyNotices;
  /** Deletes runs past KNOUDS_RUN_RETENTION_DAYS; null when runs are kept forever (0). */
  runRetention: RunRetention | null;
  limits: { requests: RequestBudgets; failedAuth: FailedAuthGuard; fields: FieldLimits; leakReports: Budget };
  /**
   * Without Redis, the only word of a change made by another process (the operator CLI) is the
   * store itself: called before each request, it drops every cached verification and workflow
   * when another process has written, so such a change holds from the next request on.
   */
  noticeChangesElsewhere(): void;
  /**
   * Whether every backing service answers (the store; Redis when configured) and, with Redis,
   * whether this instance hears revocations (false: it checks the store on every request).
   */
  readiness(): Promise<{ store: boolean; redis?: boolean; revocations?: boolean }>;
}
