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
  lastUsedAt: number | null;
}

/** A key as stored: the public fields plus the HMAC digest of its value. */
export interface ApiKeyRecord extends ApiKey {
  digest: string;
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
