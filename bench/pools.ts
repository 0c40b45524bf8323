/**
 * How many keys and sessions the bench seeds. Budgets are per key (and createApiKey per
 * account) per minute, so a scenario rotates over a pool; a pool that runs dry turns the
 * scenario into a 429 benchmark. Pools are sized from a rate no machine here reaches, and
 * from the bare node:http yardstick measured in the same run (no Knouds scenario outruns the
 * server that does nothing), whichever is larger — so a faster machine never runs them dry.
 */
import { SCOPE_TABLE } from "../src/domain/scopes.js";
import { FIELD_LIMITS } from "../src/limits/field-limits.js";

/** Request rate every key pool is sized for, at least (req/s): 5× the fastest figure docs/benchmark-results.md shows (bare node:http). */
export const KEY_POOL_RATE = 350_000;
/** Rate the session pool (createApiKey, GraphQL-bound) is sized for, at least (req/s): 5× the fastest GraphQL figure. */
export const SESSION_POOL_RATE = 25_000;
/** Share of a budget a pool may plan to spend: the margin keeps the last key out of a 429. */
const BUDGET_SHARE = 0.9;

export interface PoolSizes {
  /** Shared by the REST run and GraphQL runWorkflow scenarios (one server, one budget each). */
  adminKeys: number;
  deploymentKeys: number;
  sessions: number;
}

export interface PoolRates {
  /** Fastest request rate a key pool can serve without a key going over its budget. */
  keyRate: number;
  sessionRate: number;
}

/** Scenarios of one server run that draw on the admin pool. */
const ADMIN_SCENARIOS = 2;

export function poolSizes(durationSeconds: number, measuredYardstickRate = 0): PoolSizes {
  const keyRate = Math.max(KEY_POOL_RATE, 3 * measuredYardstickRate);
  const perKey = (scope: "admin" | "deployment") => SCOPE_TABLE[scope].requestsPerMinute * BUDGET_SHARE;
  return {
    adminKeys: Math.ceil((keyRate * durationSeconds * ADMIN_SCENARIOS) / perKey("admin")),
    deploymentKeys: Math.ceil((keyRate * durationSeconds) / perKey("deployment")),
    sessions: Math.ceil((SESSION_POOL_RATE * durationSeconds) / (FIELD_LIMITS.createApiKey.max * BUDGET_SHARE)),
  };
}

/** The rate each pool can serve for `durationSeconds` without running dry (the inverse of poolSizes). */
export function poolRates(sizes: PoolSizes, durationSeconds: number): PoolRates {
  return {
    keyRate: Math.min(
      (sizes.adminKeys * SCOPE_TABLE.admin.requestsPerMinute) / (durationSeconds * ADMIN_SCENARIOS),
      (sizes.deploymentKeys * SCOPE_TABLE.deployment.requestsPerMinute) / durationSeconds,
    ),
    sessionRate: (sizes.sessions * FIELD_LIMITS.createApiKey.max) / durationSeconds,
  };
}
