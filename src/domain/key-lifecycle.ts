/**
 * The rules for a key's name, expiry, roll grace and last-use details, each bound defined here
 * once (docs/limits.md#multi-tenant-safety lists them). Pure: no I/O.
 */
import type { ApiKeyRecord } from "./account.js";
import { KnoudsError } from "./errors.js";
import { textProblem } from "./text.js";

const DAY_MS = 86_400_000;

export const MAX_KEY_NAME_LENGTH = 100;
/** The longest grace a rolled key's previous value may get: 7 days. */
export const MAX_ROLL_GRACE_SECONDS = 7 * 86_400;
/** The furthest expiry a key may get at creation: 366 days, as GitHub caps its tokens at a year. */
export const MAX_KEY_LIFETIME_DAYS = 366;
/** Bounds on the last-use details kept per key. */
export const MAX_LAST_USED_USER_AGENT_LENGTH = 256;
export const MAX_LAST_USED_ADDRESS_LENGTH = 64;

/** The trimmed name, or BAD_USER_INPUT (for create and rename alike). */
export function validKeyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_KEY_NAME_LENGTH) {
    throw KnoudsError.invalidInput([{ path: "name", message: `must be 1 to ${MAX_KEY_NAME_LENGTH} characters` }]);
  }
  const problem = textProblem(trimmed);
  if (problem) throw KnoudsError.invalidInput([{ path: "name", message: problem }]);
  return trimmed;
}

/**
 * How long after a roll another roll of the same key is refused (CONFLICT): two rolls this
 * close together are two callers racing, and the second would silently turn the value the
 * first one was just handed into the grace value (or, with grace 0, kill it). A deliberate
 * second roll waits this long; then it is allowed and, as always, only the value it replaces
 * keeps a grace (the one before that stops at once: a key has at most two live values).
 */
export const ROLL_SETTLE_MS = 30_000;

/** CONFLICT when `key` was rolled less than ROLL_SETTLE_MS before `now`; null when it may be rolled. */
export function rollRefusal(key: Pick<ApiKeyRecord, "rolledAt">, now: number): KnoudsError | null {
  if (key.rolledAt === null || now - key.rolledAt >= ROLL_SETTLE_MS) return null;
  return KnoudsError.conflict(
    `The key was rolled at ${new Date(key.rolledAt).toISOString()} by another request, which holds its new value; ` +
      `a second roll within ${ROLL_SETTLE_MS / 1000} s is refused as a race. Reload the key, and roll again from ` +
      `${new Date(key.rolledAt + ROLL_SETTLE_MS).toISOString()} if you mean to`,
  );
}

/** How long the previous value keeps working after a roll, in milliseconds; BAD_USER_INPUT outside 0..7 days. */
export function validGraceMs(graceSeconds: number): number {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_ROLL_GRACE_SECONDS) {
    throw KnoudsError.invalidInput([
      { path: "graceSeconds", message: `must be a whole number of seconds from 0 to ${MAX_ROLL_GRACE_SECONDS} (7 days)` },
    ]);
  }
  return graceSeconds * 1000;
}

export interface ExpiryChoice {
  /** Days from now (the page offers 7, 30 and 90). */
  expiresInDays?: number | null;
  /** An exact instant. */
  expiresAt?: Date | null;
}

/**
 * When a new key expires (epoch ms), or null for never. At most one of the two may be given;
 * the instant must be in the future and no more than MAX_KEY_LIFETIME_DAYS ahead. Any future
 * instant is allowed, a few seconds ahead included (a short-lived key for a one-off job).
 */
export function validExpiry(choice: ExpiryChoice, now: number): number | null {
  const { expiresInDays, expiresAt } = choice;
  const given = [expiresInDays, expiresAt].filter((v) => v !== undefined && v !== null);
  if (given.length > 1) {
    throw KnoudsError.invalidInput([{ path: "expiresAt", message: "give either expiresInDays or expiresAt, not both" }]);
  }
  if (expiresInDays !== undefined && expiresInDays !== null) {
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_KEY_LIFETIME_DAYS) {
      throw KnoudsError.invalidInput([
        { path: "expiresInDays", message: `must be a whole number of days from 1 to ${MAX_KEY_LIFETIME_DAYS}` },
      ]);
    }
    return now + expiresInDays * DAY_MS;
  }
  if (expiresAt !== undefined && expiresAt !== null) {
    const at = expiresAt.getTime();
    if (at <= now) throw KnoudsError.invalidInput([{ path: "expiresAt", message: "must be in the future" }]);
    if (at > now + MAX_KEY_LIFETIME_DAYS * DAY_MS) {
      throw KnoudsError.invalidInput([{ path: "expiresAt", message: `must be at most ${MAX_KEY_LIFETIME_DAYS} days from now` }]);
    }
    return at;
  }
  return null;
}

/** A request's user agent as kept for "last used": control characters out, bounded. */
export function lastUsedUserAgent(header: string | undefined): string | null {
  if (header === undefined) return null;
  const clean = header.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim();
  return clean.length === 0 ? null : clean.slice(0, MAX_LAST_USED_USER_AGENT_LENGTH);
}

/** A client address as kept for "last used": bounded (an IPv6 address with a zone fits). */
export function lastUsedAddress(address: string): string {
  return address.slice(0, MAX_LAST_USED_ADDRESS_LENGTH);
}

/**
 * Whether the value whose digest is `digest` lets its key in at `now`: the key's expiry, and for
 * a rolled key's previous value its grace, judged to the millisecond.
 */
export function valueStanding(key: ApiKeyRecord, digest: string, now: number): "VALID" | "EXPIRED" | "ROLLED_OUT" {
  if (key.expiresAt !== null && now >= key.expiresAt) return "EXPIRED";
  if (key.digest !== digest && (key.graceEndsAt === null || now >= key.graceEndsAt)) return "ROLLED_OUT";
  return "VALID";
}
