/**
 * The bench's key and session pools must never run dry on a faster machine (a dry pool turns a
 * scenario into a 429 benchmark and fails CI): they are sized for at least five times the
 * fastest rate docs/benchmark-results.md shows.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { poolRates, poolSizes } from "../../bench/pools.js";

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

  it("grows the key pools with the yardstick measured in the run", () => {
    const measured = 400_000;
    expect(poolRates(poolSizes(2, measured), 2).keyRate).toBeGreaterThanOrEqual(3 * measured);
  });
});
