/**
 * The one counting engine behind every limit: fixed windows, exact under any concurrency. With
 * Redis, one Lua script counts every counter a request is charged to in one round trip,
 * atomically, on every instance alike; without it (or while it is away, or when a call fails)
 * the same counters are kept in this process and counted synchronously.
 */
import type { Redis } from "ioredis";
import { WindowCounters } from "./window-counters.js";

/** One counter to charge: its full name and how many hits its window allows. */
export interface Counter {
  name: string;
  limit: number;
}

/** A counter's state after a charge: hits in the window (this one included) and ms until it resets. */
export interface Count {
  count: number;
  resetMs: number;
}

/**
 * KEYS: the counters, in order. ARGV[1]: the window in ms; ARGV[2..]: each counter's limit.
 * Counts each in turn and stops after the first one over its limit (the later ones are not
 * charged for a refused request). Returns count and ms-to-reset pairs for those counted.
 */
const CHARGE_SCRIPT = `
local windowMs = tonumber(ARGV[1])
local out = {}
for i, name in ipairs(KEYS) do
  local n = redis.call('INCR', name)
  local ttl = windowMs
  if n == 1 then
    redis.call('PEXPIRE', name, windowMs)
  else
    ttl = redis.call('PTTL', name)
    if ttl < 0 then
      redis.call('PEXPIRE', name, windowMs)
      ttl = windowMs
    end
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
  if n > tonumber(ARGV[i + 1]) then break end
end
return out
`;

/** Takes back one hit, never below zero, and only while the window it was counted in lasts. */
const GIVE_BACK_SCRIPT = `
if redis.call('PTTL', KEYS[1]) > 0 and tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
  redis.call('DECR', KEYS[1])
end
return 0
`;

interface CountingRedis {
  knoudsCharge(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<number[]>;
  knoudsGiveBack(name: string): Promise<number>;
}

export interface FixedWindowsOptions {
  windowMs: number;
  /** Absent: counted in this process only. Counters named alike in one Redis are shared by every instance using it. */
  redis?: Redis | undefined;
  /** Hears of each charge counted in process although Redis is configured (it was away or the call failed). */
  onFallback?: (() => void) | undefined;
}

export class FixedWindows {
  readonly windowMs: number;
  private readonly local: WindowCounters;
  private readonly redis: (Redis & CountingRedis) | undefined;
  private readonly onFallback: () => void;

  constructor(options: FixedWindowsOptions) {
    this.windowMs = options.windowMs;
    this.local = new WindowCounters(options.windowMs);
    this.onFallback = options.onFallback ?? (() => {});
    const { redis } = options;
    if (redis) {
      // defineCommand is per connection and idempotent: every FixedWindows on it shares the scripts.
      redis.defineCommand("knoudsCharge", { lua: CHARGE_SCRIPT });
      redis.defineCommand("knoudsGiveBack", { numberOfKeys: 1, lua: GIVE_BACK_SCRIPT });
      this.redis = redis as Redis & CountingRedis;
    }
  }

  /**
   * Counts one hit on each counter in order, stopping after the first that is over its limit.
   * Answers synchronously when counting in process. Never rejects: a failed Redis call is
   * counted here instead.
   */
  charge(counters: readonly Counter[]): Count[] | Promise<Count[]> {
    if (this.redis?.status === "ready") return this.chargeInRedis(counters);
    if (this.redis) this.onFallback();
    return this.chargeHere(counters);
  }

  /** Takes back one hit on `name` counted in its current window (a claim that was not spent). */
  giveBack(name: string): void {
    if (this.redis?.status === "ready") {
      this.redis.knoudsGiveBack(name).catch(() => undefined);
      return;
    }
    this.local.takeBack(name, Date.now());
  }

  private async chargeInRedis(counters: readonly Counter[]): Promise<Count[]> {
    try {
      const flat = await this.redis!.knoudsCharge(
        counters.length,
        ...counters.map((counter) => counter.name),
        this.windowMs,
        ...counters.map((counter) => counter.limit),
      );
      const counts: Count[] = [];
      for (let i = 0; i < flat.length; i += 2) counts.push({ count: flat[i]!, resetMs: Math.max(flat[i + 1]!, 0) });
      return counts;
    } catch {
      // Redis failed this call (or timed out): count in process, as while it is away.
      this.onFallback();
      return this.chargeHere(counters);
    }
  }

  private chargeHere(counters: readonly Counter[]): Count[] {
    const now = Date.now();
    const counts: Count[] = [];
    for (const counter of counters) {
      const counted = this.local.hit(counter.name, now);
      counts.push(counted);
      if (counted.count > counter.limit) break;
    }
    return counts;
  }
}
