/**
 * The web app's words and numbers (src/http/settings/client/format.ts, pure functions with no
 * DOM): plurals, a key's expiry in calendar days, usage summaries, a roll's grace.
 */
import { describe, expect, it } from "vitest";
import { calendarDaysBetween, expiryText, graceDuration, plural, rollGraceText, summarize } from "../../src/http/settings/client/format.js";

const DAY = 86_400_000;

describe("web app wording", () => {
  it("says one of a thing in the singular: 1 other error, 1 request", () => {
    expect(plural(1, "request")).toBe("1 request");
    expect(plural(2, "request")).toBe("2 requests");
    expect(plural(0, "request")).toBe("0 requests");
    const one = { start: "2026-12-03T10:00:00.000Z", ok: 0, scopeDenied: 0, rateLimited: 0, otherErrors: 1 };
    expect(summarize([one])).toBe("1 request: 0 ok, 0 scope denied, 0 rate limited, 1 other error");
    expect(summarize([one, one])).toBe("2 requests: 0 ok, 0 scope denied, 0 rate limited, 2 other errors");
  });

  it("counts a key's days left in calendar days: made 'in 7 days' it says 7, 'in 30 days' 30, at any hour", () => {
    // Every hour of a day, as the server computes expiresInDays (now + N × 24 h).
    for (let hour = 0; hour < 24; hour++) {
      const now = new Date(2026, 11, 3, hour, 17, 5).getTime();
      for (const days of [7, 30, 90]) {
        const made = new Date(now + days * DAY).toISOString();
        // Seconds later, as the list shows it after creation.
        expect(expiryText(made, now + 3000).text).toBe(`Expires in ${days} days`);
      }
    }
    const now = new Date(2026, 11, 3, 9, 0).getTime();
    expect(expiryText(new Date(2026, 11, 3, 23, 59, 59).toISOString(), now)).toEqual({ text: "Expires today", warn: true, days: 0 });
    expect(expiryText(new Date(2026, 11, 4, 8, 0).toISOString(), now).text).toBe("Expires tomorrow");
    expect(expiryText(new Date(2026, 11, 9, 23, 59, 59).toISOString(), now)).toEqual({ text: "Expires in 6 days", warn: true, days: 6 });
    expect(expiryText(new Date(2026, 11, 10, 0, 0, 1).toISOString(), now).warn).toBe(false);
    expect(expiryText(new Date(now - 1).toISOString(), now).text).toBe("Expired");
    expect(expiryText(null, now)).toEqual({ text: "Never", warn: false, days: null });
    // Across a month's end.
    expect(calendarDaysBetween(new Date(2026, 0, 31, 23, 0), new Date(2026, 1, 1, 0, 30))).toBe(1);
  });

  it("states a roll's grace: how long the old value kept working, until when", () => {
    expect(graceDuration(3600)).toBe("1 hour");
    expect(graceDuration(86_400)).toBe("24 hours");
    expect(graceDuration(3 * 86_400)).toBe("3 days");
    expect(rollGraceText(0, "2026-12-03T10:00:00.000Z")).toBe("Old value stopped at once");
    expect(rollGraceText(86_400, "2026-12-03T10:00:00.000Z")).toMatch(/^Old value kept working for 24 hours, until .*2026/);
    expect(rollGraceText(undefined, "2026-12-03T10:00:00.000Z")).toBe("");
  });
});
