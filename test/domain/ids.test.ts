import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids.js";

describe("newId", () => {
  it("is the kind, the time in base 36 and 12 random characters, unique and in creation order", () => {
    const ids = Array.from({ length: 20_000 }, () => newId("run"));
    for (const id of ids) expect(id).toMatch(/^run_[0-9a-z]{9}[0-9a-z]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const times = ids.map((id) => parseInt(id.slice(4, 13), 36));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.abs(times.at(-1)! - Date.now())).toBeLessThan(60_000);
    // Random tails use the whole alphabet, not a few characters of it.
    expect(new Set(ids.flatMap((id) => [...id.slice(13)])).size).toBe(36);
  });
});
