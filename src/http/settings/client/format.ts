/**
 * Words and numbers on the pages, as pure functions (no DOM): plurals, dates, a key's expiry, a
 * usage summary, a roll's grace. Unit-tested in test/http/web-app-format.test.ts.
 */

/** "1 request", "2 requests"; `many` defaults to `one` + "s". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A short time for a table: "Dec 3, 7:59 AM" (the year too when it is not this year's). */
export function formatShortDateTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  return at.toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    ...(at.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
  });
}

/** Local calendar days from `from` to `to` (both in the browser's time zone): today → 0, tomorrow → 1. */
export function calendarDaysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const end = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((end - start) / 86_400_000);
}

/** Under this many days left, the list warns. */
export const WARN_DAYS = 7;

/**
 * "Never", "Expired", "Expires today", "Expires tomorrow" or "Expires in N days" (N in calendar
 * days, so a key made "in 7 days" says 7, not 6 and some hours), and whether to warn.
 */
export function expiryText(expiresAt: string | null | undefined, now = Date.now()): { text: string; warn: boolean; days: number | null } {
  if (!expiresAt) return { text: "Never", warn: false, days: null };
  const at = Date.parse(expiresAt);
  if (at <= now) return { text: "Expired", warn: true, days: 0 };
  const days = calendarDaysBetween(new Date(now), new Date(at));
  const text = days === 0 ? "Expires today" : days === 1 ? "Expires tomorrow" : `Expires in ${days} days`;
  return { text, warn: days < WARN_DAYS, days };
}

/** One hour or day of a key's usage, as the API's UsageBucket gives it. */
export interface Bucket {
  start: string;
  ok: number;
  scopeDenied: number;
  rateLimited: number;
  otherErrors: number;
}

export const OUTCOMES = [
  { field: "ok", one: "OK", many: "OK", key: "ok" },
  { field: "scopeDenied", one: "Scope denied", many: "Scope denied", key: "scope denied" },
  { field: "rateLimited", one: "Rate limited", many: "Rate limited", key: "rate limited" },
  { field: "otherErrors", one: "Other error", many: "Other errors", key: "other errors" },
] as const;

export function bucketTotal(bucket: Bucket): number {
  return bucket.ok + bucket.scopeDenied + bucket.rateLimited + bucket.otherErrors;
}

/** "3,204 requests: 3,100 ok, 80 scope denied, 23 rate limited, 1 other error". */
export function summarize(buckets: readonly Bucket[]): string {
  const sums = OUTCOMES.map((outcome) => ({ outcome, count: buckets.reduce((sum, b) => sum + b[outcome.field], 0) }));
  const all = sums.reduce((sum, s) => sum + s.count, 0);
  const parts = sums.map(({ outcome, count }) => `${count.toLocaleString()} ${(count === 1 ? outcome.one : outcome.many).toLowerCase()}`);
  return `${plural(all, "request")}: ${parts.join(", ")}`;
}

/** A grace period in words: "1 hour", "24 hours", "3 days". */
export function graceDuration(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return plural(seconds / 86_400, "day");
  if (seconds % 3600 === 0) return plural(seconds / 3600, "hour");
  if (seconds % 60 === 0) return plural(seconds / 60, "minute");
  return plural(seconds, "second");
}

/** What a "Key rolled" event says of the old value: how long it kept working, and until when. */
export function rollGraceText(graceSeconds: number | undefined, at: string): string {
  if (graceSeconds === undefined) return "";
  if (graceSeconds <= 0) return "Old value stopped at once";
  const until = new Date(Date.parse(at) + graceSeconds * 1000).toISOString();
  return `Old value kept working for ${graceDuration(graceSeconds)}, until ${formatDateTime(until)}`;
}
