/**
 * Prometheus metrics (prom-client) on a registry of this server's own, so several servers in
 * one process (the tests) never share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ErrorCode } from "../domain/errors.js";
import type { Run } from "../domain/run.js";
import type { HashingOutcome } from "../limits/hashing-queue.js";

const AUTH_OUTCOMES: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: "unauthenticated",
  SCOPE_DENIED: "scope_denied",
  FORBIDDEN: "forbidden",
  RATE_LIMITED: "rate_limited",
};

export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "knouds_http_requests_total",
    help: "HTTP requests answered, by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "knouds_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method and route",
    labelNames: ["method", "route"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly authRefusals = new Counter({
    name: "knouds_auth_refusals_total",
    help: "Requests or GraphQL fields refused: unauthenticated (401), scope_denied or forbidden (403), rate_limited (429)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  private readonly runs = new Counter({
    name: "knouds_runs_total",
    help: "Workflow and model runs recorded, by kind and status",
    labelNames: ["kind", "status"] as const,
    registers: [this.registry],
  });
  private readonly runDuration = new Histogram({
    name: "knouds_run_duration_seconds",
    help: "How long runs took, by kind",
    labelNames: ["kind"] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [this.registry],
  });
  private readonly passwordHashes = new Counter({
    name: "knouds_password_hashing_total",
    help: "Password hashes (scrypt) for sign-up and sign-in: hashed, or refused because too many were waiting",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  private readonly limitFallbacks = new Counter({
    name: "knouds_limit_fallbacks_total",
    help: "Counts made in this process's own counters although REDIS_URL is set (Redis away or failing), by budget: requests, failed_auth, leak_reports, fields",
    labelNames: ["budget"] as const,
    registers: [this.registry],
  });
  private readonly broadcastFailures = new Counter({
    name: "knouds_revocation_broadcast_failures_total",
    help: "Revocations (key, account, workflow changes) Redis did not take, so other instances may not have heard them",
    registers: [this.registry],
  });
  private listening: (() => boolean) | null = null;

  constructor() {
    const metrics = this;
    new Gauge({
      name: "knouds_redis_degraded",
      help: "1 while this instance cannot hear revocations over Redis and checks keys, accounts and workflows against the store; 0 otherwise (always 0 without REDIS_URL)",
      registers: [this.registry],
      collect() {
        this.set(metrics.listening && !metrics.listening() ? 1 : 0);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: "knouds_" });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  /** Counts an error that is an authentication or authorization outcome; ignores the rest. */
  refusal(code: ErrorCode): void {
    const outcome = AUTH_OUTCOMES[code];
    if (outcome) this.authRefusals.inc({ outcome });
  }

  /** Reads whether the revocation bus is listening when the degraded gauge is scraped. */
  watchRedis(listening: () => boolean): void {
    this.listening = listening;
  }

  budgetFallback(budget: string): void {
    this.limitFallbacks.inc({ budget });
  }

  broadcastFailed(): void {
    this.broadcastFailures.inc();
  }

  passwordHashing(outcome: HashingOutcome): void {
    this.passwordHashes.inc({ outcome });
  }

  run(run: Run): void {
    const kind = run.workflowId ? "workflow" : "model";
    this.runs.inc({ kind, status: run.status });
    this.runDuration.observe({ kind }, run.durationMs / 1000);
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
