import type { Logger } from "pino";
import { WriteBehind } from "../lib/write-behind.js";
import type { UsageStore } from "../store/interface.js";
import {
  PERIOD_MS,
  USAGE_BUCKETS_KEPT,
  USAGE_OUTCOMES,
  bucketStart,
  type UsageBucket,
  type UsageDelta,
  type UsageOutcome,
  type UsagePeriod,
} from "../domain/usage.js";
import type { UsageCounter } from "./interface.js";

const OUTCOME_INDEX: Readonly<Record<UsageOutcome, number>> = { ok: 0, scopeDenied: 1, rateLimited: 2, otherErrors: 3 };
const PRUNE_EVERY_MS = 3_600_000;

/** Counts per key for one hour: [ok, scopeDenied, rateLimited, otherErrors]. */
type HourCounts = Map<string, Uint32Array>;

export interface BufferedUsageOptions {
  store: UsageStore;
  logger: Pick<Logger, "warn">;
  /** How often counts are added to the store. */
  flushMs: number;
}

function zero(start: number): UsageBucket {
  return { start, ok: 0, scopeDenied: 0, rateLimited: 0, otherErrors: 0 };
}

/**
 * Usage counted in memory — per request, one Map lookup and one increment — and added to the
 * store in one batch per flush, hourly and daily buckets together. Each instance adds only
 * its own deltas, so instances sharing a store (one SQLite file, one MongoDB) add up exactly.
 */
export class BufferedUsage implements UsageCounter {
  private hours = new Map<number, HourCounts>();
  private currentHour = -1;
  private current: HourCounts = new Map();
  /** Deltas of a flush that failed part-way, written first by the next one. */
  private unwritten: UsageDelta[] = [];
  private readonly writes: WriteBehind<UsageDelta>;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(private readonly options: BufferedUsageOptions) {
    this.writes = new WriteBehind<UsageDelta>(
      {
        // Deltas a failed flush left are written as they were, before the new ones: the rows
        // written before the failure are not added twice.
        take: () => {
          const all = [...this.unwritten, ...deltas(this.hours)];
          this.unwritten = [];
          this.hours = new Map();
          this.currentHour = -1;
          return all;
        },
        write: (chunk) => this.options.store.add(chunk),
        putBack: (unwritten) => {
          this.unwritten = unwritten;
        },
      },
      {
        flushMs: options.flushMs,
        onError: (error, unwritten) =>
          this.options.logger.warn({ err: error, unwritten }, "usage counts not written yet; retrying with the next batch"),
      },
    );
    this.pruneTimer = setInterval(() => void this.prune().catch(() => undefined), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  count(keyId: string, outcome: UsageOutcome): void {
    const hour = bucketStart(Date.now(), "hour");
    if (hour !== this.currentHour) {
      this.currentHour = hour;
      this.current = this.hours.get(hour) ?? new Map();
      this.hours.set(hour, this.current);
    }
    let counts = this.current.get(keyId);
    if (counts === undefined) {
      counts = new Uint32Array(USAGE_OUTCOMES.length);
      this.current.set(keyId, counts);
    }
    counts[OUTCOME_INDEX[outcome]]!++;
  }

  /** One write at a time; a failed batch is written again, first, by the next one. */
  flush(): Promise<void> {
    return this.writes.flush();
  }

  async series(keyId: string, period: UsagePeriod, now = Date.now()): Promise<UsageBucket[]> {
    await this.flush();
    const size = PERIOD_MS[period];
    const first = bucketStart(now, period) - (USAGE_BUCKETS_KEPT[period] - 1) * size;
    const stored = new Map((await this.options.store.buckets(keyId, period, first)).map((b) => [b.start, b]));
    return Array.from({ length: USAGE_BUCKETS_KEPT[period] }, (_, i) => {
      const start = first + i * size;
      return stored.get(start) ?? zero(start);
    });
  }

  async prune(now = Date.now()): Promise<number> {
    let total = 0;
    for (const period of ["hour", "day"] as const) {
      const keptFrom = bucketStart(now, period) - (USAGE_BUCKETS_KEPT[period] - 1) * PERIOD_MS[period];
      total += await this.options.store.deleteBefore(period, keptFrom);
    }
    return total;
  }

  close(): Promise<void> {
    clearInterval(this.pruneTimer);
    return this.writes.close();
  }
}

/** Hourly deltas as they were counted, plus the same counts summed into daily buckets. */
function deltas(hours: ReadonlyMap<number, HourCounts>): UsageDelta[] {
  const out: UsageDelta[] = [];
  const days = new Map<string, UsageDelta>();
  for (const [hour, keys] of hours) {
    const day = bucketStart(hour, "day");
    for (const [keyId, [ok = 0, scopeDenied = 0, rateLimited = 0, otherErrors = 0]] of keys) {
      out.push({ keyId, period: "hour", start: hour, ok, scopeDenied, rateLimited, otherErrors });
      const id = `${keyId}|${day}`;
      const daily = days.get(id) ?? { keyId, period: "day", start: day, ok: 0, scopeDenied: 0, rateLimited: 0, otherErrors: 0 };
      daily.ok += ok;
      daily.scopeDenied += scopeDenied;
      daily.rateLimited += rateLimited;
      daily.otherErrors += otherErrors;
      days.set(id, daily);
    }
  }
  return [...out, ...days.values()];
}
