/**
 * How many keys and sessions the bench seeds. Budgets are per key (and per account, and
 * createApiKey per account) per minute, so a scenario rotates over a pool; a pool that runs dry
 * turns the scenario into a 429 benchmark. Pools are sized from a rate no machine here reaches,
 * and from the bare node:http yardstick measured in the same run (no Knouds scenario outruns the
 * server that does nothing), whichever is larger — so a faster machine never runs them dry. The
 * admin pool holds at least MIN_POOL_KEYS keys, KEYS_PER_ACCOUNT to an account: the key cache,
 * the usage and last-use buffers and the account budgets see the counts a real deployment has.
 */
import { SCOPE_TABLE } from "../src/domain/scopes.js";
import { FIELD_LIMITS } from "../src/limits/field-limits.js";

/** Request rate every key pool is sized for, at least (req/s): 5× the fastest figure docs/benchmark-results.md shows (bare node:http). */
export const KEY_POOL_RATE = 350_000;
/** Rate the session pool (createApiKey, GraphQL-bound) is sized for, at least (req/s): 5× the fastest GraphQL figure. */
export const SESSION_POOL_RATE = 25_000;
/** Share of a budget a pool may plan to spend: the margin keeps the last key out of a 429. */
const BUDGET_SHARE = 0.9;
/** The fewest admin keys the bench rotates over. */
export const MIN_POOL_KEYS = 10_000;
/** Keys on one account (4 × 90% of a key's budget stays inside the account's 5 × budget). */
export const KEYS_PER_ACCOUNT = 4;

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

/**
 * Scenarios of one server run that draw on the admin pool within a minute: REST run and
 * GraphQL runWorkflow, once per round.
 */
const adminScenarios = (rounds: number) => 2 * rounds;

export function poolSizes(durationSeconds: number, measuredYardstickRate = 0, rounds = 1): PoolSizes {
  const keyRate = Math.max(KEY_POOL_RATE, 3 * measuredYardstickRate);
  const perKey = (scope: "admin" | "deployment") => SCOPE_TABLE[scope].requestsPerMinute * BUDGET_SHARE;
  // Each minute window sees at most 60 s of load, however many rounds run.
  const loadSeconds = (scenarios: number) => Math.min(60, durationSeconds * scenarios);
  const admin = Math.max(MIN_POOL_KEYS, Math.ceil((keyRate * loadSeconds(adminScenarios(rounds))) / perKey("admin")));
  return {
    adminKeys: Math.ceil(admin / KEYS_PER_ACCOUNT) * KEYS_PER_ACCOUNT,
    deploymentKeys: Math.ceil(Math.ceil((keyRate * loadSeconds(1)) / perKey("deployment")) / KEYS_PER_ACCOUNT) * KEYS_PER_ACCOUNT,
    sessions: Math.ceil((SESSION_POOL_RATE * durationSeconds) / (FIELD_LIMITS.createApiKey.max * BUDGET_SHARE)),
  };
}

/** The rate each pool can serve for `durationSeconds` without running dry (the inverse of poolSizes). */
export function poolRates(sizes: PoolSizes, durationSeconds: number, rounds = 1): PoolRates {
  const loadSeconds = (scenarios: number) => Math.min(60, durationSeconds * scenarios);
  return {
    keyRate: Math.min(
      (sizes.adminKeys * SCOPE_TABLE.admin.requestsPerMinute) / loadSeconds(adminScenarios(rounds)),
      (sizes.deploymentKeys * SCOPE_TABLE.deployment.requestsPerMinute) / loadSeconds(1),
    ),
    sessionRate: (sizes.sessions * FIELD_LIMITS.createApiKey.max) / durationSeconds,
  };
}
