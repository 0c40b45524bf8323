/**
 * Account handles: the namespace a workflow's address starts with (`ada/my-flow`). A handle is
 * chosen at sign-up or derived from the email, is unique, and never changes (a workflow's
 * address, its runs and every client's calls carry it).
 */
import { randomBytes } from "node:crypto";

export const MAX_HANDLE_LENGTH = 39;
/** Lowercase letters, digits and dashes; starts with a letter or digit. */
export const HANDLE = new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_HANDLE_LENGTH - 1}}$`);
export const HANDLE_RULE = `1-${MAX_HANDLE_LENGTH} characters of a-z, 0-9 and -, starting with a letter or digit`;

/** The built-in account that owns the example workflow (`knouds/hello-world`). */
export const SYSTEM_ACCOUNT_ID = "acc_system";
export const SYSTEM_HANDLE = "knouds";
/** Never given to a tenant, chosen or derived: the system account's and route-like words. */
const RESERVED = new Set([SYSTEM_HANDLE, "api", "admin", "graphql", "models", "workflows", "runs"]);

export function isReservedHandle(handle: string): boolean {
  return RESERVED.has(handle);
}

export function normalizeHandle(raw: string): string {
  return raw.trim().toLowerCase();
}

/** What is wrong with a chosen (normalized) handle, or null. */
export function handleProblem(handle: string): string | null {
  if (!HANDLE.test(handle)) return `must be ${HANDLE_RULE}`;
  return isReservedHandle(handle) ? `"${handle}" is reserved` : null;
}

/** How many derived handles sign-up tries before giving up with CONFLICT (each try after the first is random). */
export const HANDLE_ATTEMPTS = 8;

/**
 * The handle derived from an email's local part (`Ada.Lovelace+x@…` -> `ada-lovelace-x`).
 * `attempt` 0 is the plain form; later attempts append a random `-xxxxx` to step past a taken
 * one. Always a valid, unreserved handle.
 */
export function derivedHandle(email: string, attempt = 0): string {
  const suffix = attempt === 0 ? "" : `-${randomBytes(4).readUInt32BE(0).toString(36).slice(0, 5)}`;
  let base = (email.split("@")[0] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_HANDLE_LENGTH - suffix.length - "-account".length)
    .replace(/-+$/, "");
  if (base === "") base = "user";
  if (isReservedHandle(base)) base = `${base}-account`;
  return `${base}${suffix}`;
}
