/**
 * The bench's key and session pools must never run dry on a faster machine (a dry pool turns a
 * scenario into a 429 benchmark and fails CI): they are sized for at least five times the
 * fastest rate docs/benchmark-results.md shows.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCOPE_TABLE, accountRequestsPerMinute } from "../../src/domain/scopes.js";
import { KEYS_PER_ACCOUNT, MIN_POOL_KEYS, poolRates, poolSizes } from "../../bench/pools.js";

function benchFigures(): Array<{ name: string; rate: number }> {
  const doc = readFileSync(new URL("../../docs/benchmark-results.md", import.meta.url), "utf8");
  const figures: Array<{ name: string; rate: number }> = [];
  for (const line of doc.split("\n")) {
    const match = /^(\S.*?)\s{2,}([\d,]+)\s+[\d.]+\s+[\d.]+\s+\d+/.exec(line);
    if (match) figures.push({ name: match[1]!, rate: Number(match[2]!.replaceAll(",", "")) });
  }
  return figures;
}

describe("bench pools", () => {
  const figures = benchFigures();
  const fastestOverall = Math.max(...figures.map((f) => f.rate));
  const fastestGraphql = Math.max(...figures.filter((f) => /graphql|createApiKey/i.test(f.name)).map((f) => f.rate));

  it("reads the bench tables in docs/benchmark-results.md", () => {
    expect(figures.length).toBeGreaterThanOrEqual(8);
    expect(fastestOverall).toBeGreaterThan(fastestGraphql);
  });

  for (const duration of [2, 10, 30]) {
    it(`key pools serve at least 5× the fastest documented figure for ${duration} s scenarios`, () => {
      const rates = poolRates(poolSizes(duration), duration);
      expect(rates.keyRate).toBeGreaterThanOrEqual(5 * fastestOverall);
      expect(rates.sessionRate).toBeGreaterThanOrEqual(5 * fastestGraphql);
    });
  }

  for (const rounds of [1, 3, 5]) {
    it(`key pools last through ${rounds} interleaved rounds of REST and GraphQL runs`, () => {
      const rates = poolRates(poolSizes(10, 0, rounds), 10, rounds);
      expect(rates.keyRate).toBeGreaterThanOrEqual(5 * fastestOverall);
    });
  }

  it("rotates over at least 10,000 admin keys, several to an account", () => {
    const sizes = poolSizes(2);
    expect(sizes.adminKeys).toBeGreaterThanOrEqual(MIN_POOL_KEYS);
    expect(MIN_POOL_KEYS).toBeGreaterThanOrEqual(10_000);
    expect(KEYS_PER_ACCOUNT).toBeGreaterThan(1);
    expect(sizes.adminKeys % KEYS_PER_ACCOUNT).toBe(0);
    // The account's budget, shared by its keys, is not what runs out (the bench seeds business accounts).
    for (const scope of ["admin", "deployment"] as const) {
      expect(KEYS_PER_ACCOUNT * SCOPE_TABLE[scope].requestsPerMinute).toBeLessThanOrEqual(accountRequestsPerMinute("business", scope));
    }
  });

  it("grows the key pools with the yardstick measured in the run", () => {
    const measured = 400_000;
    expect(poolRates(poolSizes(2, measured), 2).keyRate).toBeGreaterThanOrEqual(3 * measured);
  });
});
