/**
 * Timestamps a client sends: RFC 3339 date-times with an explicit offset only
 * (`2026-12-31T23:59:59Z`, `2026-12-31T23:59:59.5+02:00`). Anything else is refused rather
 * than guessed: `new Date()` would also take "Dec 25 2026", read a form without an offset in
 * the server's time zone, and roll 31 February over into March.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

export const TIMESTAMP_RULE = "an RFC 3339 date-time with an offset, such as 2026-12-31T23:59:59Z or 2026-12-31T23:59:59+02:00";

/** The moment `text` names, or null unless it is an RFC 3339 date-time with an offset and a real calendar date and time. */
export function parseTimestamp(text: string): Date | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
  // Leap seconds (:60) cannot be represented by a Date: refused with the rest.
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  // The calendar date must exist: Date.UTC would turn 2026-02-30 into 2 March.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
