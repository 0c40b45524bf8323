import type { ClientInfo } from "./interface.js";

/** The longest user agent an audit event keeps; the rest is cut off. */
export const MAX_AUDIT_USER_AGENT_LENGTH = 256;
/** The longest client address an audit event keeps (an IPv6 address with a zone fits). */
export const MAX_AUDIT_ADDRESS_LENGTH = 64;

// C0 and C1 control characters, DEL, and the bidirectional overrides that can disguise text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function bounded(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  const clean = value.replace(CONTROL, "").trim().slice(0, max);
  return clean.length > 0 ? clean : null;
}

/** The client as an audit event keeps it: control characters stripped, lengths bounded. */
export function clientInfo(address: string | undefined, userAgent: string | string[] | undefined): ClientInfo {
  const agent = Array.isArray(userAgent) ? userAgent[0] : userAgent;
  return { address: bounded(address, MAX_AUDIT_ADDRESS_LENGTH), userAgent: bounded(agent, MAX_AUDIT_USER_AGENT_LENGTH) };
}
