import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { KEY_PREFIX, digestKey, generateKeyValue, isWellFormedKey } from "../../src/domain/keys.js";

// The real CSPRNG, watched: how often a key draws from it.
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, randomBytes: vi.fn(real.randomBytes) };
});
const randomBytes = vi.mocked(crypto.randomBytes);

describe("API key values", () => {
  it("look like knouds_live_ followed by at least 32 base62 characters", () => {
    const { value, start } = generateKeyValue();
    expect(value).toMatch(/^knouds_live_[0-9A-Za-z]{32,}$/);
    expect(value.slice(KEY_PREFIX.length).startsWith(start)).toBe(true);
    expect(start).toHaveLength(4);
  });

  it("are different every time", () => {
    const values = new Set(Array.from({ length: 1000 }, () => generateKeyValue().value));
    expect(values.size).toBe(1000);
  });

  it("draw every base62 character equally often (no modulo bias)", () => {
    const counts = new Map<string, number>();
    const keys = 20_000;
    for (let i = 0; i < keys; i++) {
      for (const c of generateKeyValue().value.slice(KEY_PREFIX.length, KEY_PREFIX.length + 32)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    // 640,000 draws: 10,323 expected per character, one standard deviation about 100. A plain
    // `byte % 62` would draw 0-7 a quarter more often than the rest.
    const expected = (keys * 32) / 62;
    for (const [character, count] of counts) expect(Math.abs(count - expected) / expected, character).toBeLessThan(0.05);
  });

  it("draw their random part from the CSPRNG when made, keeping none back for later keys", () => {
    randomBytes.mockClear();
    for (let i = 0; i < 200; i++) generateKeyValue();
    // One draw per key (a second only when rejection sampling runs short): a pool drawn ahead
    // would serve these 200 keys from one or two calls.
    expect(randomBytes.mock.calls.length).toBeGreaterThanOrEqual(200);
  });

  it("pass their own checksum", () => {
    for (let i = 0; i < 200; i++) expect(isWellFormedKey(generateKeyValue().value)).toBe(true);
  });

  it("fail the checksum when any one character is changed", () => {
    const { value } = generateKeyValue();
    for (let i = KEY_PREFIX.length; i < value.length; i++) {
      const flipped = value[i] === "a" ? "b" : "a";
      expect(isWellFormedKey(value.slice(0, i) + flipped + value.slice(i + 1))).toBe(false);
    }
  });

  it("are refused when the shape is wrong", () => {
    const { value } = generateKeyValue();
    for (const bad of ["", "knouds_live_", value.slice(0, -1), `${value}x`, value.replace("live", "test"), ` ${value}`]) {
      expect(isWellFormedKey(bad)).toBe(false);
    }
  });

  it("digest with HMAC-SHA-256 under the server secret", () => {
    const { value } = generateKeyValue();
    const a = digestKey(value, "a".repeat(32));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(digestKey(value, "a".repeat(32))).toBe(a);
    expect(digestKey(value, "b".repeat(32))).not.toBe(a);
    expect(a).not.toContain(value.slice(KEY_PREFIX.length, KEY_PREFIX.length + 12));
  });
});
