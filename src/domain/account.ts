import type { Scope, Tier } from "./scopes.js";

export interface Account {
  id: string;
  /** Unique and unchanging: the namespace of the account's workflows (src/domain/handle.ts). */
  handle: string;
  email: string;
  name: string;
  tier: Tier;
  isPlatformAdmin: boolean;
  createdAt: number;
}

/** An account as stored, with its password hash (null for accounts made without one). */
export interface AccountRecord extends Account {
  passwordHash: string | null;
}

export interface ApiKey {
  id: string;
  accountId: string;
  name: string;
  scope: Scope;
  /** True when a platform admin set the scope: it then stands even above the tier ceiling. */
  scopeAssignedByPlatformAdmin: boolean;
  /** The first characters of the random part, for display only. */
  start: string;
  createdAt: number;
  /** From then on the key answers 401 like a deleted one; null: never expires. */
  expiresAt: number | null;
  /** After a roll: the display start of the previous value, which works until graceEndsAt. */
  previousStart: string | null;
  /** After a roll: when the previous value stops working (may be past). */
  graceEndsAt: number | null;
  lastUsedAt: number | null;
  /** The client address of the last use (behind a trusted proxy: from X-Forwarded-For). */
  lastUsedAddress: string | null;
  /** The User-Agent of the last use, bounded and without control characters. */
  lastUsedUserAgent: string | null;
}

/** A key as stored: the public fields plus the HMAC digests of its value (and previous value). */
export interface ApiKeyRecord extends ApiKey {
  digest: string;
  /** After a roll: the digest of the previous value; it verifies until graceEndsAt. */
  previousDigest: string | null;
  /** When the last roll happened (null: never rolled); a second roll soon after it is a race (ROLL_SETTLE_MS). */
  rolledAt: number | null;
}

export interface Session {
  digest: string;
  accountId: string;
  createdAt: number;
  expiresAt: number;
}

/** The longest email an account can have (local part 64, domain 255 + TLD 63, and separators). */
export const MAX_EMAIL_LENGTH = 384;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
