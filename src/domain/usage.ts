/**
 * Usage per key: requests counted by outcome in hourly and daily buckets.
 */

/** What became of a request made with a known key. */
export const USAGE_OUTCOMES = ["ok", "scopeDenied", "rateLimited", "otherErrors"] as const;
export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];
export type UsageCounts = Record<UsageOutcome, number>;

export type UsagePeriod = "hour" | "day";
export const PERIOD_MS: Readonly<Record<UsagePeriod, number>> = { hour: 3_600_000, day: 86_400_000 };

/** How many buckets of each period are kept and shown: 48 hours, 90 days. */
export const USAGE_BUCKETS_KEPT: Readonly<Record<UsagePeriod, number>> = { hour: 48, day: 90 };

/** Counts to add to one key's bucket of one period; `start` is the bucket's first millisecond (UTC). */
export interface UsageDelta extends UsageCounts {
  keyId: string;
  period: UsagePeriod;
  start: number;
}

export interface UsageBucket extends UsageCounts {
  start: number;
}

export function bucketStart(at: number, period: UsagePeriod): number {
  return at - (at % PERIOD_MS[period]);
}
