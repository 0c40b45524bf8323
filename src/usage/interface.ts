/**
 * Usage per key: requests counted by outcome in hourly and daily buckets. Counting is a
 * Map increment in memory; batches of deltas are added to the store on a timer, so instances
 * sharing a store add up.
 */

import type { UsageBucket, UsageOutcome, UsagePeriod } from "../domain/usage.js";

export interface UsageCounter {
  /** Counts one request; a Map increment, nothing else. */
  count(keyId: string, outcome: UsageOutcome): void;
  /** Adds what is counted so far to the store. */
  flush(): Promise<void>;
  /**
   * The key's buckets of `period`, oldest first, one per period up to the current one
   * (zeros where nothing was counted). Includes this instance's counts not yet flushed.
   */
  series(keyId: string, period: UsagePeriod, now?: number): Promise<UsageBucket[]>;
  /** Deletes buckets older than what is kept as of `now`; returns how many. */
  prune(now?: number): Promise<number>;
  close(): Promise<void>;
}
